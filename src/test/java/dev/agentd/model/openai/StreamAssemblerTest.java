package dev.agentd.model.openai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentd.model.ModelTurn;
import dev.agentd.support.RecordingSink;
import org.junit.jupiter.api.Test;

/** Provider quirks the assembler tolerates, fed chunk by chunk. */
class StreamAssemblerTest {
    static final ObjectMapper MAPPER = new ObjectMapper();

    final RecordingSink sink = new RecordingSink();
    final StreamAssembler assembler = new StreamAssembler(sink, MAPPER, new ProviderErrors(MAPPER, "sk-x"));

    void feed(String... chunks) {
        for (String c : chunks) assembler.accept(OpenAiModelTest.readJson(c));
    }

    @Test
    void callsWithoutIdsGetDistinctGeneratedOnes() {
        feed(
                "{\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"function\":{\"name\":\"list_files\",\"arguments\":\"{}\"}},"
                        + "{\"index\":1,\"function\":{\"name\":\"read_file\",\"arguments\":\"{\\\"path\\\":\\\"a\\\"}\"}}]}}]}");
        ModelTurn turn = assembler.turn();
        assertEquals(2, turn.toolCalls().size());
        assertTrue(turn.toolCalls().get(0).id().startsWith("call_"));
        assertNotEquals(turn.toolCalls().get(0).id(), turn.toolCalls().get(1).id());
    }

    @Test
    void callsWithoutAnIndexAreToldApartByTheirIds() {
        feed(
                "{\"choices\":[{\"delta\":{\"tool_calls\":[{\"id\":\"a\",\"function\":{\"name\":\"list_files\",\"arguments\":\"{\\\"pa\"}}]}}]}",
                "{\"choices\":[{\"delta\":{\"tool_calls\":[{\"function\":{\"arguments\":\"th\\\":\\\".\\\"}\"}}]}}]}",
                "{\"choices\":[{\"delta\":{\"tool_calls\":[{\"id\":\"b\",\"function\":{\"name\":\"read_file\",\"arguments\":\"{}\"}}]}}]}");
        ModelTurn turn = assembler.turn();
        assertEquals(2, turn.toolCalls().size());
        assertEquals("a", turn.toolCalls().get(0).id());
        assertEquals(".", turn.toolCalls().get(0).args().get("path").asText());
        assertEquals("b", turn.toolCalls().get(1).id());
    }

    @Test
    void aRepeatedNameInLaterPiecesIsNotAppended() {
        feed(
                "{\"choices\":[{\"delta\":{\"tool_calls\":[{\"index\":0,\"id\":\"a\",\"function\":{\"name\":\"list_files\",\"arguments\":\"\"}}]}}]}",
                "{\"choices\":[{\"delta\":{\"tool_calls\":[{\"index\":0,\"function\":{\"name\":\"list_files\",\"arguments\":\"{}\"}}]}}]}");
        assertEquals("list_files", assembler.turn().toolCalls().getFirst().name());
    }

    @Test
    void argumentsThatAreNotJsonAreHandedOnForTheToolToRefuse() {
        feed(
                "{\"choices\":[{\"delta\":{\"tool_calls\":[{\"index\":0,\"id\":\"a\",\"function\":{\"name\":\"read_file\",\"arguments\":\"{path: a.txt\"}}]}}]}");
        assertEquals(
                "{path: a.txt",
                assembler
                        .turn()
                        .toolCalls()
                        .getFirst()
                        .args()
                        .get("invalid_arguments")
                        .asText());
    }

    @Test
    void doublyEncodedArgumentsAreUnwrapped() {
        feed(
                "{\"choices\":[{\"delta\":{\"tool_calls\":[{\"index\":0,\"id\":\"a\",\"function\":{\"name\":\"read_file\",\"arguments\":\"\\\"{\\\\\\\"path\\\\\\\":\\\\\\\"a.txt\\\\\\\"}\\\"\"}}]}}]}");
        assertEquals(
                "a.txt",
                assembler.turn().toolCalls().getFirst().args().get("path").asText());
    }

    @Test
    void usageInAChunkWithChoicesCountsToo() {
        feed(
                "{\"choices\":[{\"delta\":{\"content\":\"Hi\"},\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":7,\"completion_tokens\":1}}");
        ModelTurn turn = assembler.turn();
        assertEquals(7, turn.promptTokens());
        assertEquals(1, turn.completionTokens());
        assertTrue(assembler.finished());
    }

    @Test
    void onlyWhatReachedTheSinkCountsAsStreamed() {
        feed("{\"choices\":[{\"delta\":{\"role\":\"assistant\",\"content\":\"\"}}]}");
        assertFalse(assembler.streamed());
        feed("{\"choices\":[{\"delta\":{\"reasoning_content\":\"half a thought\"}}]}");
        assertFalse(assembler.streamed(), "a paragraph still being gathered has not been sent");
        feed("{\"choices\":[{\"delta\":{\"reasoning_content\":\" and more.\\n\\n\"}}]}");
        assertTrue(assembler.streamed());
        assertEquals("half a thought and more.", sink.thoughts.getFirst().description());
    }

    @Test
    void aLongParagraphOfReasoningIsSentBeforeItEnds() {
        feed("{\"choices\":[{\"delta\":{\"reasoning\":\"" + "word ".repeat(500) + "\"}}]}");
        assertEquals(1, sink.thoughts.size());
        assertEquals(ThoughtBuffer.SUBJECT, sink.thoughts.getFirst().subject());
    }
}
