package dev.agentd.runner;

import dev.agentd.domain.EventData;
import dev.agentd.events.EventHub;
import dev.agentd.model.Model;
import dev.agentd.settings.ProjectSettings;
import dev.agentd.settings.ToolPolicies;
import dev.agentd.skills.Skill;
import dev.agentd.skills.SkillTool;
import dev.agentd.tools.Tool;
import dev.agentd.tools.ToolBox;
import dev.agentd.tools.ToolContext;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What a run works with, from its project's settings at its start: the built-in tools, the skills'
 * tool, the MCP servers' tools (the session's MCP sessions, opened or reused), {@code delegate}
 * when a subagent is enabled, less what the policies deny; and the prompt.
 */
final class RunSetup {
    private final Agent agent;
    private final EventHub hub;
    private final ApprovalGate gate;

    RunSetup(Agent agent, EventHub hub, ApprovalGate gate) {
        this.agent = agent;
        this.hub = hub;
        this.gate = gate;
    }

    RunTools tools(
            RunHandle run,
            RunListener listener,
            ProjectSettings project,
            Session session,
            ToolContext context,
            Model model)
            throws InterruptedException {
        List<Tool> extra = new ArrayList<>();
        List<Skill> skills = new ArrayList<>();
        for (String path : project.skills()) {
            try {
                skills.add(Skill.read(Path.of(path)));
            } catch (IllegalArgumentException e) {
                status(run, "Skill left out of this run: " + e.getMessage());
            }
        }
        SkillTool skillTool = skills.isEmpty() ? null : new SkillTool(skills);
        if (skillTool != null) extra.add(skillTool);
        if (!project.mcpServers().isEmpty() || session.mcp() != null) {
            session.mcp(agent.mcp()
                    .open(
                            session.mcp(),
                            project.mcpServers(),
                            context.env(),
                            context.workspace(),
                            m -> status(run, run.masker().mask(m))));
            extra.addAll(session.mcp().tools());
        }
        ToolPolicies policies = project.policies();
        ToolBox box = agent.tools().with(extra, policies::denies);
        RunTools own = new RunTools(box, policies, skillTool);
        List<Subagents.Spec> subagents = Subagents.enabled(project);
        if (subagents.isEmpty() || box.denies(Delegation.NAME)) return own;
        Delegation delegation = new Delegation(
                new Delegation.Run(
                        hub,
                        gate,
                        run,
                        listener,
                        session,
                        call -> own.needsPerson(call, run.task(), session),
                        name -> name == null ? model : agent.models().named(name),
                        agent.subagentTimeout()),
                subagents,
                box);
        return new RunTools(box.with(List.of(delegation), policies::denies), policies, skillTool);
    }

    /** The project's prompt, the task's, the agent's own, and what the skills are. */
    String prompt(ProjectSettings project, String taskPrompt, String basePrompt, RunTools tools) {
        List<String> parts = new ArrayList<>();
        if (project.systemPrompt() != null && !project.systemPrompt().isBlank()) parts.add(project.systemPrompt());
        if (taskPrompt != null && !taskPrompt.isBlank()) parts.add(taskPrompt);
        parts.add(basePrompt);
        if (tools.skills() != null && tools.box().offers(SkillTool.NAME))
            parts.add(tools.skills().prompt());
        return String.join("\n\n", parts);
    }

    void status(RunHandle run, String message) {
        hub.publish(run.taskId(), new EventData.Status(EventData.StatusKind.PROCESSING, message));
    }
}
