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
        #expect(abs(try #require(uptake.ciLow) - 18.074845) < 1e-4 && abs(try #require(uptake.ciHigh) - 45.430019) < 1e-4)
        let small = ProgrammeUptake(offered: 2, clicked: 1)
        #expect(abs(try #require(small.ciLow) - 9.453121) < 1e-4 && abs(try #require(small.ciHigh) - 90.546879) < 1e-4)
        let none = ProgrammeUptake(offered: 0, clicked: 0)
        #expect(none.rate == nil && none.ciLow == nil && none.ciHigh == nil)
        let zero = ProgrammeUptake(offered: 10, clicked: 0)
        #expect(zero.rate == 0 && abs(try #require(zero.ciLow)) < 1e-9 && abs(try #require(zero.ciHigh) - 27.753) < 0.01)
    }
}
