import Foundation
import Crypto
import OtklikCore

/// Invitations sent by hand to a list of addresses (the survey page's "send invitations"): each address, normalised,
/// becomes one invitation in the delivery outbox when the customer it belongs to has a survey consent in force on its
/// channel (e-mail or SMS) — the rule programmes follow at send time; otherwise it is skipped. A customer invited to the
/// survey this way before (by any of their addresses, or as a segment's member) is not invited again. Each call is one
/// transaction. A segment's members are invited the same way, on an address on file.
public struct ContactInvitations: Sendable {
    /// What became of one address.
    public enum Outcome: String, Sendable, Equatable {
        case queued
        case noConsent = "no_consent"
        case alreadyInvited = "already_invited"
        /// A segment's member with a survey consent but no address on file for its channel.
        case noAddress = "no_address"
    }

    let database: any SQLDatabase

    public init(database: any SQLDatabase) {
        self.database = database
    }

    /// The outcome of each address, in order. Every address must be an e-mail address or a phone number (else a 422
    /// naming its line, nothing queued); at most 1,000.
    public func invite(survey code: String, contacts: [String], lang: String?, now: Date) async throws -> [Outcome] {
        guard (1...1_000).contains(contacts.count) else { throw OtklikError.invalid("contacts", "paste 1-1000 addresses, one a line") }
        var identities: [CustomerIdentity] = []
        for (index, contact) in contacts.enumerated() {
            guard let identity = IdentityNormalizer.contact(contact).identity else {
                throw OtklikError.invalid("contacts", "line \(index + 1) ('\(contact.prefix(80))') is neither an e-mail address nor a phone number")
            }
            identities.append(identity)
        }
        let pairs = Array(zip(contacts, identities))
        guard let survey = try await SQLSurveyRepository(database: database).survey(code: code) else {
            throw OtklikError(.notFound, "no survey '\(code)'", field: "code")
        }
        return try await database.transaction { (tx: any SQLExecutor) -> [Outcome] in
            try await SQLSurveyRepository.refuseClosed(code, tx)
            var outcomes: [Outcome] = []
            for (contact, identity) in pairs {
                let channel = identity.kind == .email ? "email" : "sms"
                let owner = try await tx.query(
                    """
                    SELECT COALESCE(c.merged_into, c.id) AS owner FROM customer_identities i JOIN customers c ON c.id = i.customer_id
                    WHERE i.kind = ? AND i.value = ? AND c.erased = 0 ORDER BY i.first_seen_at LIMIT 1
                    """, [.text(identity.kind.rawValue), .text(identity.value)]
                ).first?.text("owner")
                var consents: [Consent] = []
                if let owner { consents = try await SQLCustomerConsents.consents(of: owner, tx) }
                guard let owner, consents.contains(where: { $0.purpose == .survey && $0.channel == channel && $0.inForce(at: now) }) else {
                    outcomes.append(.noConsent)
                    continue
                }
                outcomes.append(try await Self.queue(
                    survey, key: "customer:\(owner)", contact: contact, channel: channel, lang: lang, source: "a pasted list",
                    now: now, tx))
            }
            return outcomes
        }
    }

    /// Invites the customers (a segment's members): each on the first of e-mail and SMS where they have a survey consent
    /// in force and an address on file, once per survey.
    public func invite(survey code: String, customers: [String], lang: String?, source: String, now: Date) async throws -> [Outcome] {
        guard let survey = try await SQLSurveyRepository(database: database).survey(code: code) else {
            throw OtklikError(.notFound, "no survey '\(code)'", field: "code")
        }
        return try await database.transaction { (tx: any SQLExecutor) -> [Outcome] in
            try await SQLSurveyRepository.refuseClosed(code, tx)
            var outcomes: [Outcome] = []
            for customer in customers {
                let consents = try await SQLCustomerConsents.consents(of: customer, tx)
                let channels = ["email", "sms"].filter { channel in consents.contains { $0.purpose == .survey && $0.channel == channel && $0.inForce(at: now) } }
                guard !channels.isEmpty else {
                    outcomes.append(.noConsent)
                    continue
                }
                var queued: Outcome = .noAddress
                for channel in channels {
                    guard let address = try await ProgrammeActionTaking.address(of: customer, channel: channel, tx) else { continue }
                    queued = try await Self.queue(
                        survey, key: "customer:\(customer)", contact: address, channel: channel, lang: lang, source: source, now: now, tx)
                    break
                }
                outcomes.append(queued)
            }
            return outcomes
        }
    }

    /// One invitation to `contact` in the outbox, unless `key` was invited to the survey before.
    static func queue(
        _ survey: Survey, key: String, contact: String, channel: String, lang: String?, source: String, now: Date, _ tx: any SQLExecutor
    ) async throws -> Outcome {
        let digest = SHA256.hash(data: Data(key.utf8)).map { String(format: "%02x", $0) }.joined()
        let item = SurveyInteraction(id: "hand-" + digest.prefix(32), at: now, channel: channel, contact: contact, lang: lang)
        guard try await SQLSurveyRepository.decisions(survey.code, ids: [item.id], tx).isEmpty else { return .alreadyInvited }
        let (invitation, _) = try await SQLSurveyRepository.insertInvitation(survey: survey, item: item, stratum: "*", now: now, deliver: true, tx)
        try await SQLSurveyRepository.insertDecision(
            survey.code, SamplingResult(interaction: item.id, outcome: "invited", stratum: "*", explanation: "invited by hand (\(source))", invitation: invitation.id),
            at: now, now: now, tx)
        return .queued
    }

    /// The survey's invitation messages by delivery state: `pending` (queued or being retried), `sent`, `failed`.
    public func deliveryCounts(survey code: String) async throws -> [String: Int] {
        var counts: [String: Int] = [:]
        for row in try await database.query(
            "SELECT o.status, COUNT(*) AS n FROM survey_outbox o JOIN survey_invitations i ON i.id = o.invitation_id WHERE i.survey_code = ? GROUP BY o.status",
            [.text(code)])
        {
            counts[row.text("status") ?? "?"] = row.int("n") ?? 0
        }
        return counts
    }
}
