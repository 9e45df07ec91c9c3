package example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agentd.Agentd;
import dev.agentd.junit.AgentdExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(AgentdExtension.class)
class CreateAndStreamTest {
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aTaskIsCreatedAndItsStreamEndsWithTheAnswer(Agentd agentd) throws Exception {
        HttpResponse<String> created = http.send(
                HttpRequest.newBuilder(URI.create(agentd.baseUrl() + "/api/v1/tasks"))
                        .header("Authorization", "Bearer " + agentd.apiKey())
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"message\": \"What is 2+2?\"}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(201, created.statusCode(), created.body());
        Matcher id = Pattern.compile("\"id\":\"([^\"]+)\"").matcher(created.body());
        assertTrue(id.find(), created.body());

        List<String> lines = http.send(
                        HttpRequest.newBuilder(URI.create(agentd.baseUrl() + "/api/v1/tasks/" + id.group(1) + "/stream?after=0"))
                                .header("Authorization", "Bearer " + agentd.apiKey())
                                .build(),
                        HttpResponse.BodyHandlers.ofLines())
                .body()
                .toList();
        int done = lines.indexOf("event: done");
        assertTrue(done >= 0, String.join("\n", lines));
        assertTrue(lines.get(done + 1).contains("4"), lines.get(done + 1));
    }
}
