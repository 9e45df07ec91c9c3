package dev.agentd.errors;

/**
 * A failure the client caused or must know about; the API turns it into the error envelope with
 * its status and code (task-api.md §1).
 */
public class ApiException extends RuntimeException {
    private final int status;
    private final String code;

    public ApiException(int status, String code, String message) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public static ApiException notFound(String what) {
        return new ApiException(404, "NOT_FOUND", what + " not found");
    }

    public static ApiException validation(String message) {
        return new ApiException(400, "VALIDATION_ERROR", message);
    }

    public static ApiException invalidEnv(String message) {
        return new ApiException(400, "INVALID_ENV", message);
    }

    public static ApiException tooLarge(String message) {
        return new ApiException(413, "PAYLOAD_TOO_LARGE", message);
    }

    public static ApiException invalidState(String message) {
        return new ApiException(409, "INVALID_STATE", message);
    }

    public static ApiException busy(String message) {
        return new ApiException(409, "TASK_BUSY", message);
    }

    public static ApiException unauthorized(String code, String message) {
        return new ApiException(401, code, message);
    }

    /** 503 UNAVAILABLE [ours]: what the request needs does not answer now; it may be sent again shortly. */
    public static ApiException unavailable(String message) {
        return new ApiException(503, "UNAVAILABLE", message);
    }

    /** 429 RATE_LIMITED, to be tried again after {@code retryAfterSeconds} (the Retry-After header). */
    public static ApiException rateLimited(String message, long retryAfterSeconds) {
        return new RateLimited(message, retryAfterSeconds);
    }

    /** A 429 with the seconds after which the request may be sent again. */
    public static final class RateLimited extends ApiException {
        private final long retryAfterSeconds;

        RateLimited(String message, long retryAfterSeconds) {
            super(429, "RATE_LIMITED", message);
            this.retryAfterSeconds = retryAfterSeconds;
        }

        public long retryAfterSeconds() {
            return retryAfterSeconds;
        }
    }
}
