import Foundation
import OtklikMetrics
import Testing

/// The review-link uptake: the share followed in percent with the Wilson 95 % interval, checked against
/// scripts/reference/wilson_uptake.py (12 of 40: 30 % [18.07; 45.43]; 1 of 2: 50 % [9.45; 90.55]); nothing offered
/// has no rate; none followed has a lower bound of 0.
@Suite struct ProgrammeUptakeTests {
    @Test func theRateAndItsWilsonIntervalMatchTheReference() throws {
        let uptake = ProgrammeUptake(offered: 40, clicked: 12)
        #expect(uptake.rate == 30)
        let (low, high) = (try #require(uptake.ciLow), try #require(uptake.ciHigh))
        #expect(abs(low - 18.074845) < 1e-4 && abs(high - 45.430019) < 1e-4)
        let small = ProgrammeUptake(offered: 2, clicked: 1)
        let (smallLow, smallHigh) = (try #require(small.ciLow), try #require(small.ciHigh))
        #expect(abs(smallLow - 9.453121) < 1e-4 && abs(smallHigh - 90.546879) < 1e-4)
        let none = ProgrammeUptake(offered: 0, clicked: 0)
        #expect(none.rate == nil && none.ciLow == nil && none.ciHigh == nil)
        let zero = ProgrammeUptake(offered: 10, clicked: 0)
        let (zeroLow, zeroHigh) = (try #require(zero.ciLow), try #require(zero.ciHigh))
        #expect(zero.rate == 0 && abs(zeroLow) < 1e-9 && abs(zeroHigh - 27.753) < 0.01)
    }
}
