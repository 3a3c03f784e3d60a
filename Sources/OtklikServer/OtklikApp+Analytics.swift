import Foundation
import Logging
import OtklikApplication
import OtklikClickHouse
import OtklikStore

extension OtklikApp {
    /// The name of the durable change-feed consumer that copies feedback facts to ClickHouse (`/health`, `/metrics`).
    public static let clickHouseConsumerName = "clickhouse"
    /// The ClickHouse table the facts go to, in the configured database.
    public static let clickHouseTable = "feedback_facts"

    /// The analytics engine `configuration.analytics` asks for. Embedded: the columnar engine, filled from the store.
    /// ClickHouse: the feedback metrics are answered by ClickHouse, checked now (an unreachable server, a wrong
    /// password or a missing right stops the start with the reason), and fed by the durable consumer `clickhouse`
    /// returned beside it, which runs under a lease (one server at a time sends each stretch).
    static func analyticsEngine(
        _ configuration: AppConfiguration, timeZone: TimeZone, database: AppDatabase, instance: String, logger: Logger
    ) async throws -> (Analytics, DurableFeedConsumer?) {
        guard case .clickhouse(let address) = configuration.analytics else { return (Analytics(timeZone: timeZone), nil) }
        let backend = try ClickHouseFeedbackBackend(
            connection: ClickHouseConnection(address: address, timeout: .seconds(30)), database: address.database, table: clickHouseTable,
            timeZone: timeZone)
        do {
            // A short first request: an address where nothing answers is reported in seconds, not after the 30 s a
            // query may take.
            try await ClickHouseConnection(address: address, timeout: .seconds(5)).execute("SELECT 1")
            try await backend.prepare()
        } catch {
            throw ConfigurationError(key: "otklik.clickhouse.url", message: "ClickHouse at \(address.redacted) cannot be used: \(error)")
        }
        logger.notice("feedback metrics are answered by ClickHouse", metadata: ["clickhouse": "\(address.redacted)", "table": "\(clickHouseTable)"])
        let lease = ServiceLease(repository: database.leases, name: "feed-clickhouse", holder: instance, interval: .seconds(1), logger: logger)
        let sql = database.sql
        let consumer = DurableFeedConsumer(name: clickHouseConsumerName, database: database, lease: lease, logger: logger) {
            try await FeedbackFactExport.step(consumer: clickHouseConsumerName, limit: 500, chunk: 20_000, database: sql) { items in
                try await backend.append(identified: items.map { ClickHouseFeedbackBackend.IdentifiedFact(id: $0.id, fact: $0.fact) })
            }.caughtUp
        }
        return (Analytics(timeZone: timeZone, external: backend), consumer)
    }
}
