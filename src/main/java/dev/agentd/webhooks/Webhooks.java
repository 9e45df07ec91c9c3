package dev.agentd.webhooks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentd.domain.RunError;
import dev.agentd.domain.Task;
import dev.agentd.domain.TaskStatus;
import dev.agentd.domain.Times;
import dev.agentd.errors.ApiException;
import dev.agentd.net.PublicAddresses;
import dev.agentd.settings.ProjectSettings;
import dev.agentd.store.Store;
import java.time.Instant;
import java.util.UUID;
import okhttp3.HttpUrl;

/**
 * The webhooks of tasks: where a new task's transitions are to be posted, and their deliveries,
 * written into the outbox inside the transaction that makes the transition, so that a transition
 * that commits is announced (at least once) and one that does not never is.
 */
public final class Webhooks {
    private final ObjectMapper json;
    private final PublicAddresses addresses;
    private final boolean serverSigns;

    /** {@code serverSigns}: AGENTD_WEBHOOK_SECRET is set, so tasks of projects without a secret of their own are signed. */
    public Webhooks(ObjectMapper json, PublicAddresses addresses, boolean serverSigns) {
        this.json = json;
        this.addresses = addresses;
        this.serverSigns = serverSigns;
    }

    /**
     * The URL a new task's transitions go to: its own {@code webhookUrl}, else its project's default;
     * null when neither names one.
     *
     * @throws ApiException 400 when the URL is not an http(s) URL, points at an address that is not
     *     public, or no secret would sign its deliveries
     */
    public String target(String requested, ProjectSettings project) {
        boolean own = requested != null && !requested.isBlank();
        String url = own ? requested.strip() : project.webhookUrl();
        if (url == null) return null;
        String field = own ? "webhookUrl" : "the project's webhookUrl";
        HttpUrl parsed = HttpUrl.parse(url);
        if (parsed == null || url.length() > 2048)
            throw ApiException.validation(field + " must be an http or https URL of at most 2048 characters");
        try {
            addresses.refuseKnownPrivate(parsed.host());
        } catch (IllegalArgumentException e) {
            throw ApiException.validation(field + ": " + e.getMessage());
        }
        if (project.webhookSecret() == null && !serverSigns)
            throw ApiException.validation("webhookUrl needs a secret to sign its deliveries: set AGENTD_WEBHOOK_SECRET "
                    + "or the project's webhookSecret");
        return url;
    }

    /**
     * Queues the announcement that {@code task} became {@code status}, when it is one that is
     * announced and the task has a webhook; a task without one costs nothing here.
     */
    public void transitioned(Store transaction, Task task, TaskStatus status, RunError error, Instant at) {
        WebhookType type = WebhookType.of(status).orElse(null);
        if (type == null || task.settings().webhookUrl() == null) return;
        String taskId = task.id();
        ObjectNode body = json.createObjectNode();
        body.put("type", type.wire());
        body.put("timestamp", Times.format(at));
        ObjectNode data = body.putObject("data");
        data.put("taskId", taskId);
        data.put("status", status.wire());
        if (error != null) {
            data.putObject("error").put("code", error.code().name()).put("message", error.message());
        }
        String id = "msg_" + UUID.randomUUID().toString().replace("-", "");
        transaction.webhooks().enqueue(id, taskId, type.wire(), body.toString(), at);
    }
}
