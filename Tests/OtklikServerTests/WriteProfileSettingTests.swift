import Foundation
import OtklikServer
import Testing

/// `otklik.profile.writes.seconds`: the write profile's summaries (docs/benchmarks.md) are off unless asked for; a value
/// outside 0...3600 is refused naming the key.
@Suite struct WriteProfileSettingTests {
    @Test func offByDefaultSecondsWhenGivenAndNonsenseIsRefused() throws {
        #expect(try AppConfiguration(overrides: [:], environment: [:]).profileWritesSeconds == 0)
        #expect(try AppConfiguration(overrides: [:], environment: ["OTKLIK_PROFILE_WRITES_SECONDS": "5"]).profileWritesSeconds == 5)
        #expect(try AppConfiguration(overrides: ["otklik.profile.writes.seconds": "10"], environment: [:]).profileWritesSeconds == 10)
        for bad in ["-1", "3601", "often"] {
            do {
                _ = try AppConfiguration(overrides: [:], environment: ["OTKLIK_PROFILE_WRITES_SECONDS": bad])
                Issue.record("\(bad) was accepted")
            } catch let error as ConfigurationError {
                #expect(error.key == "otklik.profile.writes.seconds")
            }
        }
    }
}
