import Foundation
import OtklikCore

/// Reads a page of one customer's timeline from every table that references the customer (``parts``), each item with
/// the identifier that linked it.
struct CustomerTimelineSource {
    let database: any SQLDatabase
    let customer: String
    /// Only records at these locations (sorted; empty: none); nil for every record. Records without a location
    /// (survey invitations, answers, messages, life situations) are then left out.
    var locations: [String]? = nil

    /// `AND column IN (…)` and its values for ``locations``; nothing when unlimited.
    func located(_ column: String) -> (sql: String, binds: [SQLValue]) {
        guard let locations else { return ("", []) }
        guard !locations.isEmpty else { return (" AND 1 = 0", []) }
        return (" AND \(column) IN (\(SQLMarks.list(locations.count)))", locations.map { SQLValue.text($0) })
    }

    static func date(_ ms: Int64?) -> Date { Date(timeIntervalSince1970: Double(ms ?? 0) / 1000) }

    /// The identity a link kind and the values on the record name: the customer's own id for `external`, the contact
    /// (normalised again, as the resolver did) for a phone or an e-mail.
    static func linked(kind: String?, external: String?, contact: String?) -> CustomerIdentity? {
        switch kind.flatMap(IdentityKind.init(rawValue:)) ?? .external {
        case .external: return external.map { CustomerIdentity(kind: .external, value: $0) }
        case .phone, .email: return contact.flatMap { IdentityNormalizer.contact($0).identity }
        case let other: return external.map { CustomerIdentity(kind: other, value: $0) }
        }
    }

    /// The timeline's parts: every table referencing the customer; at ``locations``, the located ones only.
    var parts: [CustomerTimelinePart] {
        let everyPart = [
            feedbackPart, interactionPart, casePart, invitationPart, answerPart, serviceRequestPart, transactionPart, messagePart,
            lifeSituationPart,
        ]
        return locations == nil ? everyPart : everyPart.filter { Self.locatedKinds.contains($0.kind) }
    }

    /// The kinds a located timeline keeps: those with a location of their own (cases by their feedback's); survey
    /// invitations, answers, messages and life situations have none.
    static let locatedKinds: Set<TimelineItem.Kind> = [.feedback, .interaction, .feedbackCase, .serviceRequest, .transaction]

    /// One page: its keys chosen in one query over every part (newest first; ties by kind and id, so pages never
    /// overlap), then each kind's rows of the page read by id — a late page costs the database a sort of keys, not
    /// the decoding of every earlier item.
    func page(offset: Int, limit: Int) async throws -> [TimelineItem] {
        let parts = parts
        let reach = Int64(offset + limit)
        // Byte order for the ties, whatever the database's collation (a language collation orders "a-2" after "a1").
        let collate = database.dialect == .postgres ? " COLLATE \"C\"" : ""
        let keys = parts.map { $0.keys(reach: reach, collate: collate) }
        let keyRows = try await database.query(
            """
            SELECT kind, at, id FROM (\(keys.map(\.sql).joined(separator: " UNION ALL "))) AS items
            ORDER BY at DESC, kind\(collate), id\(collate) LIMIT ? OFFSET ?
            """,
            keys.flatMap(\.binds) + [.int(Int64(limit)), .int(Int64(offset))])
        let chosen = keyRows.compactMap { row -> (kind: TimelineItem.Kind, id: String)? in
            guard let kind = row.text("kind").flatMap(TimelineItem.Kind.init(rawValue:)), let id = row.text("id") else { return nil }
            return (kind, id)
        }
        var found: [TimelineItem.Kind: [String: TimelineItem]] = [:]
        for part in parts {
            let ids = chosen.filter { $0.kind == part.kind }.map(\.id)
            guard !ids.isEmpty else { continue }
            let query = part.rows(ids: Array(Set(ids)).sorted())
            for row in try await database.query(query.sql, query.binds) {
                let item = part.item(row)
                found[part.kind, default: [:]][item.id] = item
            }
        }
        return chosen.compactMap { found[$0.kind]?[$0.id] }
    }

    var feedbackPart: CustomerTimelinePart {
        let customer = customer
        let place = located("location_code")
        return CustomerTimelinePart(
            kind: .feedback, columns: "id, ts, channel, kind, location_code, nps, csat, ces, button, comment, contact, customer_link",
            from: "feedback", at: "ts", id: "id", condition: "customer_id = ?" + place.sql, binds: [.text(customer)] + place.binds
        ) { row in
            var details: [String: String] = [:]
            for column in ["nps", "csat", "ces", "button", "comment"] { details[column] = row.text(column) }
            details["location"] = row.text("location_code")
            return TimelineItem(
                kind: .feedback, id: row.text("id") ?? "", at: Self.date(row.int64("ts")), channel: row.text("channel"), status: row.text("kind"),
                details: details, linkedBy: Self.linked(kind: row.text("customer_link"), external: customer, contact: row.text("contact")))
        }
    }

    var interactionPart: CustomerTimelinePart {
        let customer = customer
        let place = located("location_code")
        return CustomerTimelinePart(
            kind: .interaction, columns: "id, arrived_at, channel, outcome, topic, service_code, location_code, wait_ms, talk_ms",
            from: "interactions", at: "arrived_at", id: "id", condition: "customer_id = ?" + place.sql, binds: [.text(customer)] + place.binds
        ) { row in
            var details: [String: String] = [
                "topic": row.text("topic"), "service": row.text("service_code"), "location": row.text("location_code"),
            ].compactMapValues { $0 }
            if let wait = row.int64("wait_ms") { details["wait_s"] = String(wait / 1000) }
            if let talk = row.int64("talk_ms") { details["talk_s"] = String(talk / 1000) }
            return TimelineItem(
                kind: .interaction, id: row.text("id") ?? "", at: Self.date(row.int64("arrived_at")), channel: row.text("channel"),
                status: row.text("outcome"), details: details, linkedBy: CustomerIdentity(kind: .external, value: customer))
        }
    }

    var casePart: CustomerTimelinePart {
        let customer = customer
        let place = located("f.location_code")
        return CustomerTimelinePart(
            kind: .feedbackCase, columns: "c.id, c.opened_at, c.status, c.feedback_id, f.channel, f.contact, f.customer_link",
            from: "cases c JOIN feedback f ON f.id = c.feedback_id", at: "c.opened_at", id: "c.id",
            condition: "f.customer_id = ?" + place.sql, binds: [.text(customer)] + place.binds
        ) { row in
            TimelineItem(
                kind: .feedbackCase, id: row.text("id") ?? "", at: Self.date(row.int64("opened_at")), channel: row.text("channel"),
                status: row.text("status"), details: ["feedback": row.text("feedback_id")].compactMapValues { $0 },
                linkedBy: Self.linked(kind: row.text("customer_link"), external: customer, contact: row.text("contact")))
        }
    }

    var invitationPart: CustomerTimelinePart {
        CustomerTimelinePart(
            kind: .surveyInvitation, columns: "i.id, i.survey_code, i.status, i.invited_at, i.customer, i.customer_link, o.recipient",
            from: "survey_invitations i LEFT JOIN survey_outbox o ON o.invitation_id = i.id", at: "i.invited_at", id: "i.id",
            condition: "i.customer_id = ?", binds: [.text(customer)]
        ) { row in
            TimelineItem(
                kind: .surveyInvitation, id: row.text("id") ?? "", at: Self.date(row.int64("invited_at")), channel: row.text("survey_code"),
                status: row.text("status"), details: ["survey": row.text("survey_code")].compactMapValues { $0 },
                linkedBy: Self.linked(kind: row.text("customer_link"), external: row.text("customer"), contact: row.text("recipient")))
        }
    }

    var answerPart: CustomerTimelinePart {
        CustomerTimelinePart(
            kind: .surveyAnswer,
            columns: """
                i.id, i.survey_code, i.status, i.responded_at, i.customer, i.customer_link, o.recipient,
                (SELECT COUNT(*) FROM survey_answers a WHERE a.invitation_id = i.id) AS answers
                """,
            from: "survey_invitations i LEFT JOIN survey_outbox o ON o.invitation_id = i.id", at: "i.responded_at", id: "i.id",
            condition: "i.customer_id = ? AND i.responded_at IS NOT NULL", binds: [.text(customer)]
        ) { row in
            TimelineItem(
                kind: .surveyAnswer, id: row.text("id") ?? "", at: Self.date(row.int64("responded_at")), channel: row.text("survey_code"),
                status: row.text("status"),
                details: ["survey": row.text("survey_code"), "answers": row.int64("answers").map { String($0) }].compactMapValues { $0 },
                linkedBy: Self.linked(kind: row.text("customer_link"), external: row.text("customer"), contact: row.text("recipient")))
        }
    }

    var serviceRequestPart: CustomerTimelinePart {
        let customer = customer
        let place = located("location_code")
        return CustomerTimelinePart(
            kind: .serviceRequest, columns: "id, submitted_at, channel, status, service_code, location_code",
            from: "service_requests", at: "submitted_at", id: "id", condition: "customer_id = ?" + place.sql, binds: [.text(customer)] + place.binds
        ) { row in
            TimelineItem(
                kind: .serviceRequest, id: row.text("id") ?? "", at: Self.date(row.int64("submitted_at")), channel: row.text("channel"),
                status: row.text("status"),
                details: ["service": row.text("service_code"), "location": row.text("location_code")].compactMapValues { $0 },
                linkedBy: CustomerIdentity(kind: .external, value: customer))
        }
    }

    /// Purchases and refunds: the amount, the place and the service; linked by the customer id the record named.
    var transactionPart: CustomerTimelinePart {
        let customer = customer
        let place = located("location_code")
        return CustomerTimelinePart(
            kind: .transaction, columns: "id, ts, channel, amount, quantity, location_code, service_code, customer_link",
            from: "transactions", at: "ts", id: "id", condition: "customer_id = ?" + place.sql, binds: [.text(customer)] + place.binds
        ) { row in
            var details: [String: String] = ["service": row.text("service_code"), "location": row.text("location_code")].compactMapValues { $0 }
            if let amount = row["amount"].double { details["amount"] = String(format: "%.2f", amount) }
            if let quantity = row.int64("quantity") { details["quantity"] = String(quantity) }
            return TimelineItem(
                kind: .transaction, id: row.text("id") ?? "", at: Self.date(row.int64("ts")), channel: row.text("channel"),
                status: (row["amount"].double ?? 0) < 0 ? "refund" : "purchase", details: details,
                linkedBy: Self.linked(kind: row.text("customer_link"), external: customer, contact: nil)
                    ?? CustomerIdentity(kind: .external, value: customer))
        }
    }

    /// Messages sent to the customer (a survey invitation by e-mail or SMS, or a message naming the customer as its
    /// subject): the channel, the delivery status and the recipient only as masked; linked as the invitation was.
    var messagePart: CustomerTimelinePart {
        let customer = customer
        return CustomerTimelinePart(
            kind: .messageSent,
            columns: "d.id, d.channel, d.status, d.template, d.recipient_masked, d.created_at, i.customer, i.customer_link, o.recipient",
            from: """
                message_deliveries d LEFT JOIN survey_invitations i ON i.id = d.subject_id
                LEFT JOIN survey_outbox o ON o.invitation_id = i.id
                """,
            at: "d.created_at", id: "d.id", condition: "(i.customer_id = ? OR d.subject_id = ?)", binds: [.text(customer), .text(customer)]
        ) { row in
            TimelineItem(
                kind: .messageSent, id: row.text("id") ?? "", at: Self.date(row.int64("created_at")), channel: row.text("channel"),
                status: row.text("status"),
                details: ["template": row.text("template"), "recipient": row.text("recipient_masked")].compactMapValues { $0 },
                linkedBy: Self.linked(kind: row.text("customer_link"), external: row.text("customer") ?? customer, contact: row.text("recipient")))
        }
    }

    /// Life situations the customer was found in (milestones): the situation's names and the signals that revealed it.
    var lifeSituationPart: CustomerTimelinePart {
        let customer = customer
        return CustomerTimelinePart(
            kind: .lifeSituation, columns: "d.id, d.situation_code, d.detected_at, d.evidence, s.name_ru, s.name_en",
            from: "life_situation_detections d LEFT JOIN life_situations s ON s.code = d.situation_code", at: "d.detected_at", id: "d.id",
            condition: "d.customer_id = ?", binds: [.text(customer)]
        ) { row in
            let code = row.text("situation_code") ?? ""
            let signals = SQLLifeSituationRepository.evidence(row.text("evidence") ?? "[]").map(\.signal.key)
            return TimelineItem(
                kind: .lifeSituation, id: row.text("id") ?? "", at: Self.date(row.int64("detected_at")), status: "detected",
                details: ["situation": code, "situation_ru": row.text("name_ru") ?? code, "situation_en": row.text("name_en") ?? code,
                          "signals": signals.joined(separator: ", ")],
                linkedBy: CustomerIdentity(kind: .external, value: customer))
        }
    }

    /// The number of items the pages hold: each part's rows counted by the part's own table and condition (a count
    /// kept apart from the parts once counted no life situation on a located timeline that still showed them).
    func total() async throws -> Int {
        let counts = parts.map { $0.count() }
        let columns = counts.indices.map { "\(counts[$0].sql) AS n\($0)" }.joined(separator: ", ")
        let row = try await database.query("SELECT \(columns)", counts.flatMap(\.binds)).first
        return counts.indices.reduce(0) { $0 + Int(row?.int64("n\($1)") ?? 0) }
    }
}
