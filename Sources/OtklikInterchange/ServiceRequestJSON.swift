import Foundation
import OtklikCore

/// A service request as CSV and JSON carry it: `otklik import requests --format csv|json`.
public struct ServiceRequestJSON: Codable, Sendable {
    public var id: String
    public var service: String
    public var location: String?
    public var channel: String
    public var customer: String?
    public var submittedAt: String
    public var status: String
    public var closedAt: String?
    public var cost: Double?

    enum CodingKeys: String, CodingKey {
        case id, service, location, channel, customer, submittedAt = "submitted_at", status, closedAt = "closed_at", cost
    }

    public static let columns = ["id", "service", "location", "channel", "customer", "submitted_at", "status", "closed_at", "cost"]
    public static let required = ["id", "service", "channel", "submitted_at", "status"]

    /// The domain value, validated; the error names the field.
    public func request(now: Date = Date()) throws(OtklikError) -> ServiceRequest {
        guard let submitted = Timestamp.parse(submittedAt) else { throw .invalid("submitted_at", "submitted_at must be an ISO-8601 time") }
        var closed: Date?
        if let closedAt {
            guard let date = Timestamp.parse(closedAt) else { throw .invalid("closed_at", "closed_at must be an ISO-8601 time") }
            closed = date
        }
        guard let channel = Channel(rawValue: channel) else {
            throw .invalid("channel", "unknown channel '\(channel)'; use one of \(Channel.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        guard let status = RequestStatus(rawValue: status) else {
            throw .invalid("status", "status must be one of \(RequestStatus.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        let request = ServiceRequest(
            id: id, service: service, location: location, channel: channel, customer: customer, submittedAt: submitted, status: status,
            closedAt: closed, cost: cost)
        try request.validate(now: now)
        return request
    }

    /// Reads one CSV row (an empty cell is absent).
    public init(row cells: CSVRow) throws(OtklikError) {
        id = cells["id"] ?? ""
        service = cells["service"] ?? ""
        location = cells["location"]
        channel = cells["channel"] ?? ""
        customer = cells["customer"]
        submittedAt = cells["submitted_at"] ?? ""
        status = cells["status"] ?? ""
        closedAt = cells["closed_at"]
        if let text = cells["cost"] {
            guard let value = Double(text) else { throw .invalid("cost", "'\(text)' is not a number") }
            cost = value
        }
    }

    /// Reads requests from CSV, each row validated (an error names its line and column): a whole text, or a file
    /// streamed in chunks (``RecordCSV/next(limit:)``).
    public static func csv(_ reader: CSVReader, skipBad: Bool, now: Date = Date()) throws -> RecordCSV<ServiceRequest> {
        try RecordCSV(reader: reader, columns: columns, required: required, skipBad: skipBad, row: { row throws(OtklikError) in
            try ServiceRequestJSON(row: row).request(now: now)
        })
    }

    public static func parseCSV(_ text: String, skipBad: Bool, now: Date = Date()) throws -> (records: [ImportRecord<ServiceRequest>], skipped: [ImportProblem]) {
        try csv(CSVReader(text: text), skipBad: skipBad, now: now).all()
    }
}
