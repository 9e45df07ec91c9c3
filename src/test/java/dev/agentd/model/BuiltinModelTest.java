package dev.agentd.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agentd.model.builtin.BuiltinModel;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BuiltinModelTest {
    private final BuiltinModel model = new BuiltinModel(0, 0);

    private record Collected(List<String> pieces, ModelTurn turn) {}

    private Collected ask(List<ChatMessage> conversation) throws InterruptedException {
        List<String> pieces = new ArrayList<>();
        ModelTurn turn = model.next(new ModelRequest("", conversation, List.of()), new TurnSink() {
            @Override
            public void content(String piece) {
                pieces.add(piece);
            }

            @Override
            public void thought(String subject, String description) {}

            @Override
            public void retrying(String message) {}
        });
        return new Collected(pieces, turn);
    }

    private String answer(String... userThenAssistant) throws InterruptedException {
        List<ChatMessage> conversation = new ArrayList<>();
        for (int i = 0; i < userThenAssistant.length; i++) {
            conversation.add(
                    i % 2 == 0
                            ? ChatMessage.user(userThenAssistant[i])
                            : ChatMessage.assistant(userThenAssistant[i], List.of()));
        }
        return ask(conversation).turn().text();
    }

    @Test
    void itDoesArithmeticInSymbolsAndWords() throws InterruptedException {
        assertEquals("2+2 equals 4.", answer("What is 2+2?"));
        assertEquals("3 * (4 + 1) equals 15.", answer("what's 3 * (4 + 1)?"));
        assertEquals("10 divided by 4 equals 2.5.", answer("What is 10 divided by 4?"));
        assertEquals("7 minus 10 equals -3.", answer("What is 7 minus 10?"));
        assertEquals("6 multiplied by 7 equals 42.", answer("calculate 6 times 7"));
        assertEquals("1/3 equals 0.3333333333333333.", answer("What is 1/3?"));
    }

    @Test
    void thatAndItReferToTheLastResultInTheConversation() throws InterruptedException {
        assertEquals(
                "4 multiplied by 10 equals 40.", answer("What is 2+2?", "2+2 equals 4.", "Now multiply that by 10"));
        assertEquals(
                "40 plus 2 equals 42.",
                answer(
                        "What is 2+2?",
                        "2+2 equals 4.",
                        "Now multiply that by 10",
                        "4 multiplied by 10 equals 40.",
                        "add 2 to it"));
        assertEquals("40 minus 1 equals 39.", answer("x", "4 multiplied by 10 equals 40.", "subtract 1 from that"));
        assertEquals("40 divided by 8 equals 5.", answer("x", "4 multiplied by 10 equals 40.", "divide it by 8"));
        assertEquals(
                "40 multiplied by 2 equals 80.", answer("x", "4 multiplied by 10 equals 40.", "What is that times 2?"));
    }

    @Test
    void withoutAnEarlierResultThatIsNotArithmetic() throws InterruptedException {
        assertTrue(answer("multiply that by 2").startsWith("You said: \"multiply that by 2\""));
    }

    @Test
    void anythingElseIsQuotedBackAndALongerMessageGetsALongerReply() throws InterruptedException {
        String short1 = answer("Hello");
        String long1 = answer("Hello there, could you please explain what you are able to do for me today?");
        assertTrue(short1.startsWith("You said: \"Hello\"."), short1);
        assertTrue(long1.contains("could you please explain"), long1);
        assertTrue(long1.length() > short1.length());
    }

    @Test
    void textIsStreamedOneWordWithItsTrailingSpacePerPiece() throws InterruptedException {
        Collected c = ask(List.of(ChatMessage.user("What is 2+2?")));
        assertEquals(List.of("2+2 ", "equals ", "4."), c.pieces());
        assertEquals(String.join("", c.pieces()), c.turn().text());
    }

    @Test
    void fileAndCommandRequestsBecomeToolCalls() throws InterruptedException {
        assertEquals(
                "list_files",
                ask(List.of(ChatMessage.user("list files")))
                        .turn()
                        .toolCalls()
                        .getFirst()
                        .name());
        ToolCall read = ask(List.of(ChatMessage.user("read uploads/data.csv")))
                .turn()
                .toolCalls()
                .getFirst();
        assertEquals("read_file", read.name());
        assertEquals("uploads/data.csv", read.args().get("path").asText());
        ToolCall write = ask(List.of(ChatMessage.user("write notes/todo.txt: buy milk")))
                .turn()
                .toolCalls()
                .getFirst();
        assertEquals("write_file", write.name());
        assertEquals("notes/todo.txt", write.args().get("path").asText());
        assertEquals("buy milk", write.args().get("content").asText());
        ToolCall fenced = ask(List.of(ChatMessage.user("Save this:\n```python hello.py\nprint('hi')\n```")))
                .turn()
                .toolCalls()
                .getFirst();
        assertEquals("hello.py", fenced.args().get("path").asText());
        assertEquals("print('hi')", fenced.args().get("content").asText());
        ToolCall run = ask(List.of(ChatMessage.user("run `ls -la`")))
                .turn()
                .toolCalls()
                .getFirst();
        assertEquals("run_command", run.name());
        assertEquals("ls -la", run.args().get("command").asText());
        ToolCall afterUpload = ask(List.of(
                        ChatMessage.user("[Files uploaded to workspace]\n- uploads/a.csv\n\nread uploads/a.csv")))
                .turn()
                .toolCalls()
                .getFirst();
        assertEquals("uploads/a.csv", afterUpload.args().get("path").asText(), "the upload list is not the request");
    }
}
