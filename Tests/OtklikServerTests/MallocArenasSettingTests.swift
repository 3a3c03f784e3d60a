import Foundation
import OtklikServer
import Testing

/// `otklik.malloc.arenas`: the glibc arenas `otklik serve` allows (the soak's memory stays flat with two; see
/// `scripts/proof-soak`). one per core (at least two) by default, 0 keeps glibc's default, anything else outside 0...256 is refused naming the key.
@Suite struct MallocArenasSettingTests {
    @Test func onePerCoreByDefaultZeroKeepsGlibcsOwnAndNonsenseIsRefused() throws {
        #expect(try AppConfiguration(overrides: [:], environment: [:]).mallocArenas == max(2, ProcessInfo.processInfo.activeProcessorCount))
        #expect(try AppConfiguration(overrides: [:], environment: ["OTKLIK_MALLOC_ARENAS": "0"]).mallocArenas == 0)
        #expect(try AppConfiguration(overrides: ["otklik.malloc.arenas": "8"], environment: [:]).mallocArenas == 8)
        for bad in ["-1", "257", "two"] {
            do {
                _ = try AppConfiguration(overrides: [:], environment: ["OTKLIK_MALLOC_ARENAS": bad])
                Issue.record("\(bad) was accepted")
            } catch let error as ConfigurationError {
                #expect(error.key == "otklik.malloc.arenas")
            }
        }
    }
}
