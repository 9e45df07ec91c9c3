package dev.agentd.store.sql;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentd.domain.ApiKey;
import dev.agentd.domain.Event;
import dev.agentd.domain.FailureCode;
import dev.agentd.domain.Message;
import dev.agentd.domain.Project;
import dev.agentd.domain.Role;
import dev.agentd.domain.RunError;
import dev.agentd.domain.Task;
import dev.agentd.domain.TaskStatus;
import dev.agentd.domain.Times;
import dev.agentd.domain.TokenGrant;
import dev.agentd.store.ApprovalStore;
import dev.agentd.store.FollowUpStore;
import dev.agentd.store.IdempotencyStore;
import dev.agentd.store.SigningKeyStore;
import dev.agentd.store.WebhookStore;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Map;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * Rows as domain records. Hand-written: Jdbi's constructor mapper reads each constructor parameter's
 * annotations again for every query, which profiles put at half the cost of reading one task row;
 * these only read columns.
 */
public final class Rows {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, String>> VARIABLES = new TypeReference<>() {};

    private Rows() {}

    static Instant instant(ResultSet rs, String column) throws SQLException {
        String v = rs.getString(column);
        return v == null ? null : Times.parse(v);
    }

    /** Maps {@link TaskDao#SELECT}'s columns. */
    public static final class TaskMapper implements RowMapper<Task> {
        @Override
        public Task map(ResultSet rs, StatementContext ctx) throws SQLException {
            String code = rs.getString("error_code");
            return new Task(
                    rs.getString("id"),
                    new Task.Owner(
                            rs.getString("project_id"),
                            rs.getString("api_key_id"),
                            rs.getString("username"),
                            rs.getString("app_id"),
                            rs.getString("end_user_id"),
                            rs.getString("grant_id")),
                    rs.getString("session_id"),
                    rs.getString("conversation_id"),
                    rs.getString("message"),
                    new Task.Settings(
                            rs.getString("system_prompt"),
                            rs.getBoolean("show_in_history"),
                            rs.getBoolean("auto_execute"),
                            variables(rs.getString("env")),
                            rs.getString("model"),
                            rs.getString("webhook_url")),
                    new Task.State(
                            TaskStatus.fromWire(rs.getString("status")),
                            code == null
                                    ? null
                                    : new RunError(FailureCode.valueOf(code), rs.getString("error_message")),
                            instant(rs, "started_at"),
                            instant(rs, "completed_at"),
                            instant(rs, "last_activity_at"),
                            rs.getInt("message_count")),
                    instant(rs, "created_at"));
        }
    }

    public static final class MessageMapper implements RowMapper<Message> {
        @Override
        public Message map(ResultSet rs, StatementContext ctx) throws SQLException {
            return new Message(
                    rs.getString("id"),
                    Role.fromWire(rs.getString("role")),
                    rs.getString("content"),
                    instant(rs, "created_at"),
                    rs.getString("attached_files"),
                    rs.getString("thoughts"),
                    rs.getString("tool_calls"));
        }
    }

    public static final class EventMapper implements RowMapper<Event> {
        @Override
        public Event map(ResultSet rs, StatementContext ctx) throws SQLException {
            return EventCodec.decode(rs.getLong("seq"), rs.getLong("run_id"), rs.getInt("kind"), rs.getString("data"));
        }
    }

    public static final class KeyMapper implements RowMapper<ApiKey> {
        @Override
        public ApiKey map(ResultSet rs, StatementContext ctx) throws SQLException {
            return new ApiKey(
                    rs.getString("id"),
                    rs.getString("project_id"),
                    rs.getString("name"),
                    instant(rs, "created_at"),
                    instant(rs, "expires_at"),
                    instant(rs, "revoked_at"));
        }
    }

    public static final class ProjectMapper implements RowMapper<Project> {
        @Override
        public Project map(ResultSet rs, StatementContext ctx) throws SQLException {
            return new Project(rs.getString("id"), rs.getString("name"), instant(rs, "created_at"));
        }
    }

    public static final class AppRowMapper implements RowMapper<AppDao.AppRow> {
        @Override
        public AppDao.AppRow map(ResultSet rs, StatementContext ctx) throws SQLException {
            return new AppDao.AppRow(
                    rs.getString("id"),
                    rs.getString("project_id"),
                    rs.getString("name"),
                    instant(rs, "created_at"),
                    instant(rs, "revoked_at"));
        }
    }

    public static final class SigningKeyMapper implements RowMapper<SigningKeyStore.SigningKey> {
        @Override
        public SigningKeyStore.SigningKey map(ResultSet rs, StatementContext ctx) throws SQLException {
            return new SigningKeyStore.SigningKey(
                    rs.getString("id"), rs.getBytes("secret"), instant(rs, "created_at"), instant(rs, "retired_at"));
        }
    }

    public static final class GrantMapper implements RowMapper<TokenGrant> {
        @Override
        public TokenGrant map(ResultSet rs, StatementContext ctx) throws SQLException {
            return new TokenGrant(
                    rs.getString("id"),
                    rs.getString("app_id"),
                    rs.getString("end_user_id"),
                    variables(rs.getString("env")),
                    rs.getBytes("secrets"),
                    instant(rs, "expires_at"));
        }
    }

    public static final class FollowUpMapper implements RowMapper<FollowUpStore.FollowUp> {
        @Override
        public FollowUpStore.FollowUp map(ResultSet rs, StatementContext ctx) throws SQLException {
            return new FollowUpStore.FollowUp(
                    rs.getLong("id"),
                    rs.getString("task_id"),
                    rs.getString("content"),
                    rs.getString("attached_files"),
                    rs.getString("model"),
                    instant(rs, "created_at"));
        }
    }

    public static final class DeliveryMapper implements RowMapper<WebhookStore.Delivery> {
        @Override
        public WebhookStore.Delivery map(ResultSet rs, StatementContext ctx) throws SQLException {
            return new WebhookStore.Delivery(
                    rs.getString("id"),
                    rs.getString("task_id"),
                    rs.getString("project_id"),
                    rs.getString("url"),
                    rs.getString("type"),
                    rs.getString("body"),
                    rs.getString("status"),
                    rs.getInt("attempts"),
                    instant(rs, "next_attempt_at"),
                    instant(rs, "created_at"));
        }
    }

    public static final class AttemptMapper implements RowMapper<WebhookStore.Attempt> {
        @Override
        public WebhookStore.Attempt map(ResultSet rs, StatementContext ctx) throws SQLException {
            int status = rs.getInt("status");
            return new WebhookStore.Attempt(
                    rs.getString("delivery_id"),
                    rs.getInt("attempt"),
                    instant(rs, "at"),
                    rs.getString("url"),
                    rs.wasNull() ? null : status,
                    rs.getString("error"),
                    rs.getLong("ms"));
        }
    }

    public static final class PendingMapper implements RowMapper<ApprovalStore.Pending> {
        @Override
        public ApprovalStore.Pending map(ResultSet rs, StatementContext ctx) throws SQLException {
            return new ApprovalStore.Pending(rs.getString("call_id"), rs.getString("tool_name"), rs.getString("args"));
        }
    }

    public static final class ReplyMapper implements RowMapper<IdempotencyStore.Reply> {
        @Override
        public IdempotencyStore.Reply map(ResultSet rs, StatementContext ctx) throws SQLException {
            return new IdempotencyStore.Reply(rs.getInt("status"), rs.getString("body"));
        }
    }

    static String json(Map<String, String> variables) {
        if (variables == null) return null;
        try {
            return JSON.writeValueAsString(variables);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> variables(String json) {
        if (json == null) return null;
        try {
            return JSON.readValue(json, VARIABLES);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a task's stored env is not JSON", e);
        }
    }
}
