import Foundation
import OtklikCore
import Testing
@testable import OtklikMetrics

/// Memory per record of the service-request table and of the agent states (issue 22: memory per record stated for every
/// table), as docs/benchmarks.md states them.
@Suite struct FactMemoryTests {
    static let start = Date(timeIntervalSince1970: 1_767_225_600)

    /// 35 bytes a request in the columns of ``RequestTable`` (45.9 with the columns' spare capacity at 100,000 requests:
    /// 131,072 slots), plus the dictionaries as ``CodeDictionary/approximateBytes`` counts them (each code's characters
    /// twice and 48 bytes): a 15-character id (`REQ-2026-000001`) 78 bytes, the 20,000 customers 11.8 bytes a request,
    /// services and locations next to nothing: 136 bytes a request in all; a 36-character UUID id 42 bytes more than `R1`.
    @Test func requests() {
        #expect(PublicServiceFacts.bytesPerRequest == 35)
        var facts = PublicServiceFacts(timeZone: TimeZone(identifier: "Europe/Moscow")!)
        let count = 100_000
        facts.append((0..<count).map { index in
            ServiceRequest(
                id: String(format: "REQ-2026-%06d", index), service: "SV\(index % 40)", location: "L\(index % 60)", channel: .web,
                customer: index % 3 == 0 ? nil : "C\(index % 20_000)", submittedAt: Self.start.addingTimeInterval(Double(index) * 60), status: .open)
        })
        let columns = 131_072 * PublicServiceFacts.bytesPerRequest
        #expect(facts.memoryBytes >= columns + count * (2 * 15 + 48), "the columns and the ids at least")
        let perRequest = Double(facts.memoryBytes) / Double(count)
        #expect(perRequest >= 135 && perRequest <= 137, "\(perRequest) bytes a request")
        var long = PublicServiceFacts(timeZone: TimeZone(identifier: "UTC")!)
        long.append((0..<1_000).map { index in
            ServiceRequest(id: UUID().uuidString, service: "SV1", channel: .web, submittedAt: Self.start.addingTimeInterval(Double(index)), status: .open)
        })
        var short = PublicServiceFacts(timeZone: TimeZone(identifier: "UTC")!)
        short.append((0..<1_000).map { index in
            ServiceRequest(id: "R\(index)", service: "SV1", channel: .web, submittedAt: Self.start.addingTimeInterval(Double(index)), status: .open)
        })
        // R0…R999 have 3,890 characters, the UUIDs 36,000.
        #expect(long.memoryBytes - short.memoryBytes == 2 * (36_000 - 3_890), "an id's characters counted twice (list and index)")
    }

    /// 26 bytes an interval in the columns of ``AgentStateTable`` (34 with the columns' spare capacity at 50,000
    /// intervals: 65,536 slots), plus the agent dictionary (60 codes of 2-3 characters: 3,220 bytes as
    /// ``CodeDictionary/approximateBytes`` counts them).
    @Test func agentStates() {
        #expect(AgentStateFacts.bytesPerInterval == 26)
        var facts = AgentStateFacts(timeZone: TimeZone(identifier: "Europe/Moscow")!)
        let count = 50_000
        facts.append((0..<count).map { index in
            let from = Self.start.addingTimeInterval(Double(index) * 600)
            return AgentStateInterval(agent: "A\(index % 60)", state: index % 2 == 0 ? .handling : .available, start: from, end: from.addingTimeInterval(300))
        })
        #expect(facts.memoryBytes == 65_536 * AgentStateFacts.bytesPerInterval + 10 * 52 + 50 * 54)
    }
}
