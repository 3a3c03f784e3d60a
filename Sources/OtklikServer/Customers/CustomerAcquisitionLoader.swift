import Foundation
import OtklikCore
import OtklikMetrics
import OtklikStore

/// CAC by acquisition channel and earned vs bought customers on the stored costs and customers, each customer's
/// acquisition day in the organisation's time zone (``AcquisitionReport``).
public enum CustomerAcquisitionLoader {
    public static func load(_ database: AppDatabase) async throws -> AcquisitionReport {
        let zone = TimeZone(identifier: try await database.reference.organisation().timezone) ?? .gmt
        let acquisitions = try await SQLCustomerAcquisitions(database: database.sql).all().map {
            AcquisitionReport.Acquisition(source: $0.source, day: $0.acquiredAt.map { Int(LocalCalendar.day(of: $0, in: zone)) })
        }
        return AcquisitionReport.compute(costs: try await database.transactions.costs(), acquisitions: acquisitions)
    }
}
