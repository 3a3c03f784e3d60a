import Foundation
import OtklikCore

extension AppDatabase {
    /// The customers' status links for service requests.
    public var requestStatusLinks: SQLRequestStatusLinks { SQLRequestStatusLinks(database: sql) }
}

/// The customers' status links for service requests (issue 19 item 6) on either engine, like a complaint's
/// (``SQLCaseStatusLinks``): a link is made for a request with a customer, in the transaction of the programme message
/// that carries it (or for another system through the API); a token finds its request's public status. The short
/// survey a completed request's page asks (CSAT 1-5) is stored as feedback through the write path every channel uses,
/// one per request: ``surveyAnswer(for:score:language:at:)`` makes it.
public struct SQLRequestStatusLinks: Sendable {
    let database: any SQLDatabase

    public init(database: any SQLDatabase) {
        self.database = database
    }

    /// A new link for the request in the caller's transaction; returns the token (only its hash is stored).
    static func create(requestID: String, now: Date, _ tx: any SQLExecutor) async throws -> String {
        let token = SecretToken.random(bytes: 24)
        try await tx.execute(
            "INSERT INTO request_status_links (token_hash, request_id, created_at) VALUES (?, ?, ?)",
            [.text(SecretToken.hash(token)), .text(requestID), .int(SQLProgrammeRepository.ms(now))])
        return token
    }

    /// A new status link for a request of a known customer, for another system to send; returns the token. Not found
    /// for an unknown request or one without a customer. `locations`: the caller's locations (nil: every location); a
    /// request elsewhere is not found either, as one that does not exist.
    public func create(requestID: String, locations: Set<String>? = nil, now: Date = Date()) async throws -> String {
        try await database.transaction { tx in
            guard let row = try await tx.query(
                "SELECT customer_id, location_code FROM service_requests WHERE id = ?", [.text(requestID)]).first,
                row.text("customer_id") != nil, locations.map({ allowed in row.text("location_code").map(allowed.contains) ?? false }) ?? true
            else {
                throw OtklikError(.notFound, "no service request '\(requestID)' of a customer", field: "id")
            }
            return try await Self.create(requestID: requestID, now: now, tx)
        }
    }

    /// The request a trigger event is about (the key of `service_request_resolved` or `service_request_stalled`); nil
    /// for another trigger.
    static func requestID(forTrigger key: String) -> String? {
        for prefix in ["service_request_resolved:", "service_request_stalled:"] where key.hasPrefix(prefix) {
            return String(key.dropFirst(prefix.count))
        }
        return nil
    }

    static func requestOf(token: String, _ executor: any SQLExecutor) async throws -> String? {
        guard !token.isEmpty, token.count <= 128 else { return nil }
        return try await executor.query(
            "SELECT request_id FROM request_status_links WHERE token_hash = ?", [.text(SecretToken.hash(token))]).first?.text("request_id")
    }

    /// The id of the feedback that holds the customer's survey answer about a request: one per request, whatever link
    /// it came through (`srq-` and 40 hex digits of the SHA-256 of the request's id, within the 64 characters of an id).
    public static func surveyFeedbackID(request: String) -> String {
        "srq-" + SecretToken.hash("service_request:" + request).prefix(40)
    }

    /// The public status of the token's request; nil for an unknown token.
    public func status(token: String) async throws -> RequestStatusView? {
        guard let requestID = try await Self.requestOf(token: token, database) else { return nil }
        guard let row = try await database.query(
            """
            SELECT r.id, r.service_code, s.name AS service_name, r.location_code, r.customer_id, r.submitted_at, r.status, r.closed_at
            FROM service_requests r LEFT JOIN services s ON s.code = r.service_code WHERE r.id = ?
            """, [.text(requestID)]).first,
            let status = row.text("status").flatMap(RequestStatus.init(rawValue:)), let service = row.text("service_code")
        else { return nil }
        let rating = try await database.query(
            "SELECT csat FROM feedback WHERE id = ?", [.text(Self.surveyFeedbackID(request: requestID))]).first?.int("csat")
        return RequestStatusView(
            id: requestID, service: service, serviceName: row.text("service_name") ?? service, location: row.text("location_code"),
            customer: row.text("customer_id"), submittedAt: SQLProgrammeRepository.date(row.int64("submitted_at")) ?? Date(timeIntervalSince1970: 0),
            status: status, closedAt: SQLProgrammeRepository.date(row.int64("closed_at")), rating: rating)
    }

    /// The feedback that records the customer's answer (CSAT 1-5) about a completed request: a survey response on the
    /// web, linked to the request's customer, service and location, at `at`, with the id ``surveyFeedbackID(request:)``.
    /// The caller writes it through the feedback write path. Throws invalid input for a score outside 1-5 (`score`) and
    /// a conflict for a request not completed or already answered.
    public static func surveyAnswer(for view: RequestStatusView, score: Int, language: String, at: Date) throws(OtklikError) -> Feedback {
        guard (1...5).contains(score) else { throw .invalid("score", "a rating from 1 to 5") }
        guard view.status == .completed else { throw OtklikError(.conflict, "the request is not completed", field: "score") }
        guard view.rating == nil else { throw OtklikError(.conflict, "this request was already rated", field: "score") }
        return Feedback(
            id: surveyFeedbackID(request: view.id), ts: at, channel: .web, kind: .surveyResponse, location: view.location,
            service: view.service, customer: view.customer, csat: score, lang: ProgrammeMessageTemplate.languages.contains(language) ? language : nil)
    }
}
