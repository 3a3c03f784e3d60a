import Foundation
import Testing

@testable import OtklikStore

/// The write profile's summary (``WriteProfile``): nearest-rank quantiles in milliseconds, checked by hand, and the
/// writer that held the lock longest in total first.
@Suite struct WriteProfileSummaryTests {
    @Test func quantilesAreNearestRanksInMilliseconds() {
        let holds = (1...100).map { Double($0) / 1000 }
        #expect(WriteProfile.ms(holds, 0.5) == "50.00")
        #expect(WriteProfile.ms(holds, 0.99) == "99.00")
        #expect(WriteProfile.ms(holds, 1) == "100.00")
        #expect(WriteProfile.ms([0.0042], 0.5) == "4.20")
        #expect(WriteProfile.ms([0.001, 0.003], 0.5) == "1.00")
        #expect(WriteProfile.ms([], 0.5) == "-")
    }

    @Test func theLongestTotalHoldComesFirst() {
        let group = (1...100).map { WriteProfile.Sample(wait: 0, hold: Double($0) / 1000, commit: 0.0002) }
        let consumer = [WriteProfile.Sample(wait: 0.006, hold: 0.011, commit: 0.001), WriteProfile.Sample(wait: 0, hold: 0.004, commit: 0.0005)]
        let text = WriteProfile.summary(["red-press-alerts": consumer, "group commit: Feedback": group], over: 5.04)
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines.count == 3)
        #expect(lines[0].hasPrefix("write profile over 5.0 s"))
        #expect(lines[1] == "  group commit: Feedback: 100; wait 0.00/0.00/0.00; held 50.00/99.00/100.00; commit 0.20/0.20; total 5050")
        #expect(lines[2] == "  red-press-alerts: 2; wait 0.00/6.00/6.00; held 4.00/11.00/11.00; commit 0.50/1.00; total 15")
    }
}
