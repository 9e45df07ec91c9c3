package dev.agentd.settings;

import java.util.List;
import java.util.Map;

/**
 * A project's settings document (schemas/project-settings.schema.json): read at the start of each
 * of the project's runs, so a change applies from the next one. Absent fields are null or empty.
 *
 * @param model {@code builtin} or {@code openai:<model>}; null for the server's AGENTD_MODEL
 * @param systemPrompt added to the agent's prompt
 * @param autoExecute the default of new tasks that do not say; null for true, the API's default
 */
public record ProjectSettings(
        String model,
        String systemPrompt,
        Boolean autoExecute,
        Map<String, ToolPolicy> toolPolicies,
        Map<String, McpServer> mcpServers,
        List<String> skills,
        Map<String, Subagent> subagents,
        String webhookUrl,
        String webhookSecret) {
    public static final ProjectSettings NONE =
            new ProjectSettings(null, null, null, null, null, null, null, null, null);

    @Override
    public String toString() {
        // the webhook secret never reaches a log line through an accidental toString
        return "ProjectSettings[model=" + model + ", webhookUrl=" + webhookUrl + "]";
    }

    public ProjectSettings {
        toolPolicies = toolPolicies == null ? Map.of() : Map.copyOf(toolPolicies);
        mcpServers = mcpServers == null ? Map.of() : Map.copyOf(mcpServers);
        skills = skills == null ? List.of() : List.copyOf(skills);
        subagents = subagents == null ? Map.of() : Map.copyOf(subagents);
    }

    public ToolPolicies policies() {
        return new ToolPolicies(toolPolicies);
    }

    /**
     * An MCP server: stdio ({@code command}, {@code args}, {@code env}, {@code cwd}) or remote
     * ({@code url}, {@code type}, {@code headers}, {@code timeout} in milliseconds); {@code tools}
     * filters what it offers.
     */
    public record McpServer(
            String command,
            List<String> args,
            Map<String, String> env,
            String cwd,
            String url,
            String type,
            Map<String, String> headers,
            Long timeout,
            Boolean enabled,
            ToolFilter tools) {
        public McpServer {
            args = args == null ? List.of() : List.copyOf(args);
            env = env == null ? Map.of() : Map.copyOf(env);
            headers = headers == null ? Map.of() : Map.copyOf(headers);
            tools = tools == null ? ToolFilter.ALL : tools;
        }

        public boolean remote() {
            return url != null;
        }

        public boolean sse() {
            return "sse".equals(type);
        }

        public boolean isEnabled() {
            return enabled == null || enabled;
        }
    }

    /** The server's tools offered: those {@code allow} names (all when null), minus those {@code deny} names. */
    public record ToolFilter(List<String> allow, List<String> deny) {
        static final ToolFilter ALL = new ToolFilter(null, null);

        public boolean offers(String tool) {
            return (allow == null || allow.contains(tool)) && (deny == null || !deny.contains(tool));
        }
    }

    /** A subagent the project enables, disables or defines. */
    public record Subagent(
            Boolean enabled,
            String displayName,
            String description,
            String systemPrompt,
            List<String> tools,
            String model,
            Integer maxSteps) {}
}
