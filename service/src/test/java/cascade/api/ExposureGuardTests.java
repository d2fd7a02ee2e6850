package cascade.api;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * Issue 18: the documented deployment listened on every interface with access control off. The
 * service now refuses that combination at start; loopback, or any address with access control on,
 * is allowed.
 */
class ExposureGuardTests {

    @Test
    void accessControlOffRefusesEveryNonLoopbackAddress() {
        for (String address : new String[] {null, "", "0.0.0.0", "::", "192.0.2.1"}) {
            assertThatThrownBy(() -> ExposureGuard.check(false, address)).as(String.valueOf(address))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("CASCADE_ACCESS_ENABLED=true");
        }
    }

    @Test
    void loopbackOrAccessControlIsAllowed() {
        for (String address : new String[] {"127.0.0.1", "::1", "localhost"}) {
            assertThatCode(() -> ExposureGuard.check(false, address)).as(address).doesNotThrowAnyException();
        }
        assertThatCode(() -> ExposureGuard.check(true, "0.0.0.0")).doesNotThrowAnyException();
        assertThatCode(() -> ExposureGuard.check(true, null)).doesNotThrowAnyException();
    }
}
