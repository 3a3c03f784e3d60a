import Foundation
import OtklikCore

/// One contact read back from a ``CallTable`` row, with the fields of ``CallFact`` the row-by-row computations use.
struct CallRecord {
    let table: CallTable
    let row: Int

    var arrivedAt: Date { table.arrivedAt(row) }
    var channel: Channel { Channel.allCases[Int(table.channel[row])] }
    var outcome: InteractionOutcome {
        switch table.flags[row] & CallTable.Flags.outcome {
        case CallTable.Flags.answered: .answered
        case CallTable.Flags.abandoned: .abandoned
        default: .selfService
        }
    }
    /// Seconds in the queue (a missing wait reads 0, as every KPI counts it).
    var wait: Double? { table.wait[row] }
    var handle: Double? {
        let value = table.handle[row]
        return value.isNaN ? nil : value
    }
    var day: Int32 { table.day[row] }
    var hour: Int8 { Int8(table.hour[row]) }
    var queue: String? { table.queues.code(of: table.queue[row]) }
    var agent: String? { table.agents.code(of: table.agent[row]) }
    var topic: String? { table.topics.code(of: table.topic[row]) }
    var location: String? { table.locations.code(of: table.location[row]) }
    var service: String? { table.services.code(of: table.service[row]) }
    var customer: String? { table.customers.code(of: table.customer[row]) }
    var request: String? { table.requests.code(of: table.request[row]) }
}
