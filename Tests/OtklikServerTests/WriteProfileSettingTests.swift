import Foundation
import OtklikServer
import Testing

/// `otklik.profile.writes.seconds`: the write profile's summaries (docs/benchmarks.md) are off unless asked for; a value
/// outside 0...60 is refused naming the key (an interval keeps every sample until its summary).
@Suite struct WriteProfileSettingTests {
    @Test func offByDefaultSecondsWhenGivenAndNonsenseIsRefused() throws {
        #expect(try AppConfiguration(overrides: [:], environment: [:]).profileWritesSeconds == 0)
        #expect(try AppConfiguration(overrides: [:], environment: ["OTKLIK_PROFILE_WRITES_SECONDS": "5"]).profileWritesSeconds == 5)
        #expect(try AppConfiguration(overrides: ["otklik.profile.writes.seconds": "60"], environment: [:]).profileWritesSeconds == 60)
        for bad in ["-1", "61", "often"] {
            do {
                _ = try AppConfiguration(overrides: [:], environment: ["OTKLIK_PROFILE_WRITES_SECONDS": bad])
                Issue.record("\(bad) was accepted")
            } catch let error as ConfigurationError {
                #expect(error.key == "otklik.profile.writes.seconds")
            }
        }
    }
}
