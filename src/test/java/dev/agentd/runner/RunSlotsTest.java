package dev.agentd.runner;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class RunSlotsTest {
    /** Starts a thread that waits for a slot of {@code owner} and records {@code name} when it has one. */
    private static Thread waiter(RunSlots slots, String owner, String name, List<String> served) {
        return Thread.ofVirtual().start(() -> {
            try {
                slots.acquire(owner);
                served.add(name);
            } catch (InterruptedException e) {
                served.add(name + " interrupted");
            }
        });
    }

    @Test
    void aFreedSlotGoesToTheOwnersThatWaitInTurn() throws Exception {
        RunSlots slots = new RunSlots(1, 1);
        assertTrue(slots.tryAcquire("A"));
        List<String> served = new CopyOnWriteArrayList<>();
        Thread a2 = waiter(slots, "A", "A2", served);
        await().until(() -> a2.getState() == Thread.State.WAITING);
        Thread a3 = waiter(slots, "A", "A3", served);
        await().until(() -> a3.getState() == Thread.State.WAITING);
        Thread b1 = waiter(slots, "B", "B1", served);
        await().until(() -> b1.getState() == Thread.State.WAITING);

        slots.release("A");
        await().until(() -> served.size() == 1);
        slots.release("A");
        await().until(() -> served.size() == 2);
        slots.release("B");
        await().until(() -> served.size() == 3);
        assertEquals(List.of("A2", "B1", "A3"), served, "B's run did not wait behind every run of A");
    }

    @Test
    void oneOwnerNeverHoldsMoreThanItsShare() {
        RunSlots slots = new RunSlots(4, 2);
        assertTrue(slots.tryAcquire("A"));
        assertTrue(slots.tryAcquire("A"));
        assertFalse(slots.tryAcquire("A"), "A is at its share");
        assertTrue(slots.tryAcquire("B"), "B still gets a slot");
        assertTrue(slots.tryAcquire("B"));
        assertFalse(slots.tryAcquire("C"), "all slots are taken");
        assertEquals(4, slots.used());
    }

    @Test
    void anInterruptedWaiterGivesUpItsPlace() throws Exception {
        RunSlots slots = new RunSlots(1, 1);
        assertTrue(slots.tryAcquire("A"));
        List<String> served = new CopyOnWriteArrayList<>();
        Thread b = waiter(slots, "B", "B", served);
        await().until(() -> b.getState() == Thread.State.WAITING);
        b.interrupt();
        await().until(() -> served.contains("B interrupted"));
        slots.release("A");
        assertEquals(0, slots.used());
        assertTrue(slots.tryAcquire("C"));
    }
}
