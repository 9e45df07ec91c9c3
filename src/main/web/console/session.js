// The API key of this browser tab: in session storage only, sent only to this server's /api/v1.
const KEY = 'agentd-console:key';

export const session = {
  key: () => sessionStorage.getItem(KEY),
  signIn: (key) => sessionStorage.setItem(KEY, key),
  signOut: () => sessionStorage.removeItem(KEY),
};

/** Credentials for TaskApi: the key as it is; a refused key cannot be renewed. */
export const keyCredentials = {
  get: async () => session.key() ?? '',
  invalidate: () => false,
};
