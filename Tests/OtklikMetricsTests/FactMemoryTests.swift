import Foundation
import OtklikCore
import Testing
@testable import OtklikMetrics

/// Memory per record of the tables held in memory beside the columnar ones (issue 22: memory per record stated for every
/// table): service requests and agent states, as docs/benchmarks.md states them.
@Suite struct FactMemoryTests {
    static let start = Date(timeIntervalSince1970: 1_767_225_600)

    /// 112 bytes a request in the array (up to twice that with the array's spare capacity), its id index 32-64 bytes
    /// more (a power-of-two table at most 3/4 full); ids up to 15 characters (`REQ-2026-000001`) and service and location
    /// codes are held inline, no heap text: 210 bytes a request for 100,000 requests (131,072 slots, 262,144 buckets);
    /// a 36-character UUID id adds 80 bytes of heap text.
    @Test func requests() {
        #expect(PublicServiceFacts.bytesPerRequest == 112)
        var facts = PublicServiceFacts(timeZone: TimeZone(identifier: "Europe/Moscow")!)
        let count = 100_000
        facts.append((0..<count).map { index in
            ServiceRequest(
                id: String(format: "REQ-2026-%06d", index), service: "SV\(index % 40)", location: "L\(index % 60)", channel: .web,
                customer: index % 3 == 0 ? nil : "C\(index % 20_000)", submittedAt: Self.start.addingTimeInterval(Double(index) * 60), status: .open)
        })
        #expect(facts.memoryBytes >= count * PublicServiceFacts.bytesPerRequest)
        let perRequest = Double(facts.memoryBytes) / Double(count)
        #expect(perRequest <= 215, "\(perRequest) bytes a request")
        var long = PublicServiceFacts(timeZone: TimeZone(identifier: "UTC")!)
        long.append((0..<1_000).map { index in
            ServiceRequest(id: UUID().uuidString, service: "SV1", channel: .web, submittedAt: Self.start.addingTimeInterval(Double(index)), status: .open)
        })
        var short = PublicServiceFacts(timeZone: TimeZone(identifier: "UTC")!)
        short.append((0..<1_000).map { index in
            ServiceRequest(id: "R\(index)", service: "SV1", channel: .web, submittedAt: Self.start.addingTimeInterval(Double(index)), status: .open)
        })
        #expect(long.memoryBytes - short.memoryBytes == 1_000 * 80, "a 36-byte id: 32 + 37 rounded up to 80 bytes of heap")
    }

    /// 48 bytes an interval; agent codes up to 15 characters are held inline: 48 bytes an interval in all, with spare
    /// capacity at most twice that.
    @Test func agentStates() {
        #expect(AgentStateFacts.bytesPerInterval == 48)
        var facts = AgentStateFacts(timeZone: TimeZone(identifier: "Europe/Moscow")!)
        let count = 50_000
        facts.append((0..<count).map { index in
            let from = Self.start.addingTimeInterval(Double(index) * 600)
            return AgentStateInterval(agent: "A\(index % 60)", state: index % 2 == 0 ? .handling : .available, start: from, end: from.addingTimeInterval(300))
        })
        #expect(facts.memoryBytes >= count * 48 && facts.memoryBytes <= 2 * count * 48)
        #expect(HeapBytes.of("A-very-long-agent-code") == 64 && HeapBytes.of("fifteen-bytes-x") == 0)
    }
}
