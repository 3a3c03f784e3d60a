import Foundation
import OtklikCore
import Testing
@testable import OtklikMetrics

/// Memory per record of the columnar tables: what docs/benchmarks.md states, checked.
@Suite struct CallTableMemoryTests {
    /// 55 bytes a contact in the columns with waits and handle times as 4-byte floats (every value exact in one,
    /// as whole seconds are), 63 with them as doubles (the struct array it replaced took
    /// `MemoryLayout<CallFact>.stride`, 150 or more, for the same contact); with the dictionaries and the FCR
    /// index, at most 92 bytes a contact for 100,000 calls of 20,000 customers on 6 topics, 60 agents and 6
    /// queues (100 with doubles).
    @Test func bytesPerCallAreStatedAndKept() {
        #expect(CallTable.bytesPerCall == 55)
        #expect(CallTable.bytesPerCallWide == 63)
        #expect(MemoryLayout<CallFact>.stride >= 150)
        let count = 100_000
        let start = Date(timeIntervalSince1970: 1_767_225_600)
        var table = CallTable(timeZone: TimeZone(identifier: "Europe/Moscow")!)
        table.reserveCapacity(count + 1)
        let queues = ["PS", "NW", "NE", "TT", "IN", "PE"], topics = ["card", "loan", "deposit", "app", "fraud", "other"]
        for index in 0..<count {
            let answered = index % 8 != 0
            table.append(CallFact(Interaction(
                id: "c\(index)", channel: .callCenter, queue: queues[index % 6], staff: answered ? "A\(index % 60)" : nil,
                customer: index % 3 == 0 ? nil : "C\(index * 7 % 20_000)", topic: topics[index / 6 % 6],
                arrivedAt: start.addingTimeInterval(Double(index) * 300), outcome: answered ? .answered : .abandoned,
                waitSeconds: Double(index % 90), talkSeconds: answered ? 180 : nil)))
        }
        #expect(table.wait.isFloat && table.handle.isFloat && table.bytesPerContact == CallTable.bytesPerCall)
        let columns = count * CallTable.bytesPerCall
        #expect(table.memoryBytes >= columns)
        let perCall = Double(table.memoryBytes) / Double(count)
        #expect(perCall <= 92, "\(perCall) bytes a call")
        // One wait of a tenth of a second: both widths of the wait column's 100,001 values, handle still floats.
        let narrow = table.memoryBytes
        table.append(CallFact(Interaction(id: "tenth", channel: .callCenter, queue: "PS", arrivedAt: start, outcome: .abandoned, waitSeconds: 0.1)))
        #expect(!table.wait.isFloat && table.handle.isFloat && table.bytesPerContact == CallTable.bytesPerCall + 4)
        #expect(table.memoryBytes - narrow == 4 * (count + 1), "the wait column's 4 bytes a value more")
    }

    /// The feedback table's figure beside it (``FeedbackTable/bytesPerRecord``; FeedbackTableTests checks the columns).
    @Test func feedbackBytesPerRecord() {
        #expect(FeedbackTable.bytesPerRecord == 34)
    }
}
