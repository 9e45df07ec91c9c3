package dev.agentd.auth;

import dev.agentd.domain.Task;
import dev.agentd.domain.WidgetApp;

/**
 * Who makes a request, within a project: the holder of an API key, or an end user of a widget app
 * with a token. A task is visible only to the key that created it, or to the end user (of the same
 * app) who did; never to anyone else, whatever project they are in.
 */
public sealed interface Principal {
    String projectId();

    /** The owner a task this caller creates gets. */
    Task.Owner owner();

    /** Whether this caller may see a task owned by {@code owner}. */
    default boolean owns(Task.Owner owner) {
        return owner().projectId().equals(owner.projectId()) && owner().sameAs(owner);
    }

    /** The caller's own space of idempotency keys. */
    String scope();

    /** The holder of an API key: its id, and its name, the {@code username} of the tasks it creates. */
    record Key(String keyId, String name, String projectId) implements Principal {
        @Override
        public Task.Owner owner() {
            return Task.Owner.key(projectId, keyId, name);
        }

        @Override
        public String scope() {
            return keyId;
        }
    }

    /** An end user of a widget app, with the grant of the token they came with. */
    record EndUser(WidgetApp app, String endUserId, String grantId) implements Principal {
        @Override
        public String projectId() {
            return app.projectId();
        }

        @Override
        public Task.Owner owner() {
            return Task.Owner.endUser(app.projectId(), app.id(), endUserId, grantId);
        }

        @Override
        public String scope() {
            return "app:" + app.id() + ":" + endUserId;
        }
    }
}
