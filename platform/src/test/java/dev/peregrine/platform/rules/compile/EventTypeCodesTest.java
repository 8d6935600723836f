package dev.peregrine.platform.rules.compile;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.peregrine.platform.condition.parse.ConditionParser;
import dev.peregrine.platform.rules.testing.TestCatalog;
import java.util.BitSet;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Event codes of conditions (§4.1) over the synthetic table: open=2,3 close=4,5 execve=6,7 connect=8,9. */
class EventTypeCodesTest {

    private static final EventTypeCodes CODES =
            new EventTypeCodes(TestCatalog.smallSyscall().eventTypes().orElseThrow());

    private static BitSet codes(String condition) throws Exception {
        return CODES.of(ConditionParser.parse(condition));
    }

    private static BitSet of(int... codes) {
        BitSet set = new BitSet();
        IntStream.of(codes).forEach(set::set);
        return set;
    }

    private static BitSet allBut(int... codes) {
        BitSet set = new BitSet();
        set.set(0, 300);
        IntStream.of(codes).forEach(set::clear);
        return set;
    }

    @Test
    void specExamples() throws Exception {
        assertEquals(of(6, 7, 2, 3), codes("evt.type=execve and proc.name!=foo or evt.type=open"));
        assertEquals(of(), codes("evt.type=open and evt.type=close"));
        assertEquals(of(2, 3), codes("evt.type=open and not (evt.num=0)"));
    }

    @Test
    void notEqualsAndNegationsComplement() throws Exception {
        assertEquals(allBut(6, 7), codes("evt.type != execve"));
        assertEquals(of(6, 7), codes("not evt.type != execve"));
        assertEquals(allBut(2, 3, 6, 7), codes("not evt.type in (execve, open)"));
        assertEquals(allBut(8, 9), codes("evt.type in (execve, open) or evt.type!=connect"));
        assertEquals(of(2, 3, 6, 7), codes("proc.name!=foo and evt.type in (execve, open)"));
        assertEquals(of(6, 7), codes("evt.type=execve and not proc.name=foo"));
    }

    @Test
    void existsAndEventNumberLeaves() throws Exception {
        assertEquals(allBut(), codes("evt.type exists"));
        assertEquals(of(), codes("not evt.type exists"));
        for (String never : new String[] {"evt.num=0", "evt.num<0", "evt.num<1", "evt.num<=0", "evt.num in ()",
                "evt.num in (0)"}) {
            assertEquals(of(), codes(never), never);
            assertEquals(allBut(), codes("not " + never), never);
        }
        for (String always : new String[] {"evt.num!=0", "evt.num>0", "evt.num>=0", "evt.num>=1"}) {
            assertEquals(allBut(), codes(always), always);
            assertEquals(of(), codes("not " + always), always);
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "proc.name=foo", "evt.type startswith ope", "evt.type intersects (open)", "not proc.name=foo",
        "proc.pid=1 or proc.name=x"})
    void otherLeavesAreNeutralEvenNegated(String condition) throws Exception {
        assertEquals(allBut(), codes(condition));
    }

    @Test
    void unknownEventNamesAddNothing() throws Exception {
        assertEquals(of(2, 3), codes("evt.type in (open, nosuch)"));
    }
}
