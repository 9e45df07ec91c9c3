package dev.agentd.settings;

import dev.agentd.store.ProjectStore;
import java.util.concurrent.atomic.AtomicReference;

/** The projects' settings as each run reads them: from the store every time, parsed once per version. */
public final class Settings {
    private final ProjectStore store;
    private final SettingsDocument documents;
    private final AtomicReference<Parsed> last = new AtomicReference<>();

    private record Parsed(String projectId, String text, ProjectSettings settings) {}

    public Settings(ProjectStore store, SettingsDocument documents) {
        this.store = store;
        this.documents = documents;
    }

    /** The project's settings now; {@link ProjectSettings#NONE} when it has none. */
    public ProjectSettings of(String projectId) {
        String text = store.settings(projectId).orElse("{}");
        Parsed seen = last.get();
        if (seen != null && seen.projectId.equals(projectId) && seen.text.equals(text)) return seen.settings;
        ProjectSettings parsed = documents.read(text);
        last.set(new Parsed(projectId, text, parsed));
        return parsed;
    }
}
