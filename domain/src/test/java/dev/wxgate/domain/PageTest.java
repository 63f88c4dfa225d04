package dev.wxgate.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.List;
import org.junit.jupiter.api.Test;

class PageTest {

    @Test
    void pageRequestKnowsItsOffset() {
        assertThat(PageRequest.of(3, 20).offset()).isEqualTo(60);
        assertThat(PageRequest.of(Integer.MAX_VALUE, 200).offset()).isEqualTo(Integer.MAX_VALUE * 200L);
    }

    @Test
    void pageRequestRejectsNegativePagesAndSizesOutOfRange() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> PageRequest.of(-1, 10))
                .withMessageStartingWith("page ");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> PageRequest.of(0, 0))
                .withMessageStartingWith("size ");
        assertThatIllegalArgumentException().isThrownBy(() -> PageRequest.of(0, 201));
    }

    @Test
    void pageCountsPagesAndKnowsWhetherMoreFollow() {
        Page<String> first = new Page<>(List.of("a", "b"), 5, PageRequest.of(0, 2));
        Page<String> last = new Page<>(List.of("e"), 5, PageRequest.of(2, 2));

        assertThat(first.totalPages()).isEqualTo(3);
        assertThat(first.hasNext()).isTrue();
        assertThat(last.hasNext()).isFalse();
        assertThat(Page.empty(PageRequest.of(0, 10)).totalPages()).isZero();
    }
}
