import Foundation
import OtklikCore

extension ServiceRequest: StoredRecord {
    var occurredAt: Date? { submittedAt }
    static let table = "service_requests"
    static let feedKind = FeedEventKind.serviceRequests
    static var references: [(table: String, field: String, path: KeyPath<ServiceRequest, String?>)] {[
        ("services", "service", \.serviceCode), ("locations", "location", \.location),
    ]}
    static let columnList = [
        "id", "service_code", "location_code", "channel", "customer_id", "submitted_at", "status", "closed_at", "cost", "received_at",
    ]

    var serviceCode: String? { service }

    public func normalized() -> ServiceRequest {
        var copy = self
        copy.location = StoredText.clean(location)
        copy.customer = StoredText.clean(customer).flatMap { IdentityNormalizer.verbatim($0, kind: .external).identity?.value }
        copy.submittedAt = Self.wholeMilliseconds(submittedAt)
        copy.closedAt = closedAt.map(Self.wholeMilliseconds)
        return copy
    }

    static func wholeMilliseconds(_ date: Date) -> Date {
        Date(timeIntervalSince1970: (date.timeIntervalSince1970 * 1000).rounded() / 1000)
    }

    static func milliseconds(_ date: Date) -> Int64 { Int64((date.timeIntervalSince1970 * 1000).rounded()) }

    func binds(receivedAt: Int64) -> [SQLValue] {
        [
            .text(id), .text(service), SQLValue(location), .text(channel.rawValue), SQLValue(customer),
            .int(Self.milliseconds(submittedAt)), .text(status.rawValue), closedAt.map { .int(Self.milliseconds($0)) } ?? .null,
            cost.map { .double($0) } ?? .null, .int(receivedAt),
        ]
    }

    init(row: SQLRow) throws {
        guard let channel = Channel(rawValue: try row.string("channel")), let status = RequestStatus(rawValue: try row.string("status")),
            let submitted = row.int64("submitted_at")
        else { throw OtklikError(.internal, "stored service request has an unknown channel, status or time") }
        self.init(
            id: try row.string("id"), service: try row.string("service_code"), location: row.text("location_code"), channel: channel,
            customer: row.text("customer_id"), submittedAt: Date(timeIntervalSince1970: Double(submitted) / 1000), status: status,
            closedAt: row.int64("closed_at").map { Date(timeIntervalSince1970: Double($0) / 1000) }, cost: row["cost"].double)
    }
}

extension ServiceRequest {
    /// An open request posted again closed (``ServiceRequestRevision``) moves on; any other change is a conflict naming
    /// its field.
    static func revises(_ stored: ServiceRequest, with item: ServiceRequest, prefix: String) throws -> Bool {
        switch ServiceRequestRevision.of(stored, item) {
        case .same: return false
        case .closes: return true
        case .conflict(let field, let message):
            throw OtklikError(.conflict, "request '\(item.id)': \(message)", field: "\(prefix).\(field)")
        }
    }

    /// Closes the stored open requests, each row stamped with the write's feed position (so a reader of the feed meets
    /// the request again, closed, and the engine replaces it). A row no longer open — another writer closed it after
    /// this transaction read it — fails the write, which is then tried again and reads the closed row.
    static func writeRevisions(_ records: [ServiceRequest], position: Int64, in tx: any SQLExecutor) async throws {
        for record in records {
            let updated = try await tx.query(
                "UPDATE service_requests SET status = ?, closed_at = ?, cost = ?, feed_position = ? WHERE id = ? AND status = 'open' RETURNING id",
                [.text(record.status.rawValue), record.closedAt.map { .int(milliseconds($0)) } ?? .null, record.cost.map { .double($0) } ?? .null,
                 .int(position), .text(record.id)])
            guard !updated.isEmpty else { throw StaleRevision(id: record.id) }
        }
    }
}

extension ServiceRequest: NormalizedRecord {}
