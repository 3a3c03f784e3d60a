import Foundation
import OtklikCore
import OtklikInterchange

/// Takes a programme's action for a treated customer once the send-time limits allow it, in the caller's transaction
/// (the one that writes the action record and the contact): a call-back note on the open case, a message queued in
/// `programme_messages`, a survey invitation in the survey outbox, or a `programme.action` webhook event.
enum ProgrammeActionTaking {
    enum Outcome: Equatable {
        /// Taken; the contact still to be written with this purpose.
        case taken(purpose: ConsentPurpose)
        case skipped(reason: String)
    }

    /// The identity kind that holds the address of a channel.
    static func identityKind(of channel: String) -> String? {
        switch channel {
        case "email": "email"
        case "sms", "phone", "messenger": "phone"
        default: nil
        }
    }

    /// The customer's newest address for `channel`, nil when none is on file.
    static func address(of customer: String, channel: String, _ tx: any SQLExecutor) async throws -> String? {
        guard let kind = identityKind(of: channel) else { return nil }
        return try await tx.query(
            "SELECT value FROM customer_identities WHERE customer_id = ? AND kind = ? ORDER BY first_seen_at DESC, value LIMIT 1",
            [.text(customer), .text(kind)]
        ).first?.text("value")
    }

    /// The channels of `candidates` the action can reach the customer on: for a message or a survey invitation, the
    /// `deliverable` ones with an address on file; for a call-back or a webhook, all of them.
    static func reachable(
        _ candidates: [String], kind: ProgrammeAction.Kind, customer: String, deliverable: [String], _ tx: any SQLExecutor
    ) async throws -> [String] {
        guard kind == .message || kind == .survey else { return candidates }
        var reachable: [String] = []
        for channel in candidates where deliverable.contains(channel) {
            if try await address(of: customer, channel: channel, tx) != nil { reachable.append(channel) }
        }
        return reachable
    }

    /// The customer's language for a message: their own preference (ru or en), else the organisation's.
    static func language(_ preferences: ContactPreferences?, _ tx: any SQLExecutor) async throws -> String {
        if let own = preferences?.language, ProgrammeMessageTemplate.languages.contains(own) { return own }
        let organisation = try await tx.query("SELECT default_lang FROM organisation WHERE id = 1", []).first?.text("default_lang")
        return organisation.flatMap { ProgrammeMessageTemplate.languages.contains($0) ? $0 : nil } ?? "ru"
    }

    static func take(
        _ record: ProgrammeActionRecord, _ programme: Programme, channel: String, deadline: Date, preferences: ContactPreferences?, now: Date,
        _ tx: any SQLExecutor
    ) async throws -> Outcome {
        let customer = record.customer
        switch programme.action.kind {
        case .callback:
            guard let caseID = try await ProgrammeCallback.openCase(of: customer, tx) else { return .skipped(reason: "no_open_case_for_callback") }
            try await ProgrammeCallback.request(caseID: caseID, programme: programme, by: deadline, channel: channel, now: now, tx)
            return .taken(purpose: programme.limits.purpose)
        case .message:
            guard let template = programme.action.template else { return .skipped(reason: "no_template") }
            guard let recipient = try await address(of: customer, channel: channel, tx) else { return .skipped(reason: "no_address") }
            let language = try await Self.language(preferences, tx)
            let text = template.text(language)
            var body = text.body
            if body.contains(ProgrammeMessageTemplate.statusLink) {
                // The customer's own status link for the trigger's service request or case (a fresh token per message).
                let path: String
                if let requestID = SQLRequestStatusLinks.requestID(forTrigger: record.triggerKey) {
                    path = "/request-status/" + (try await SQLRequestStatusLinks.create(requestID: requestID, now: now, tx))
                } else if let caseID = try await SQLCaseStatusLinks.caseID(forTrigger: record.triggerKey, tx) {
                    path = "/status/" + (try await SQLCaseStatusLinks.create(caseID: caseID, now: now, tx))
                } else {
                    return .skipped(reason: "no_case_for_status_link")
                }
                body = body.replacingOccurrences(of: ProgrammeMessageTemplate.statusLink, with: ProgrammeMessageTemplate.baseURL + path + "?lang=" + language)
            }
            if body.contains(ProgrammeMessageTemplate.reviewLink) {
                // A counted link to leave a public review: Otklik's redirect to the trigger location's review address.
                let location = try await ProgrammeReviewOffers.location(forTrigger: record.triggerKey, tx)
                guard let url = programme.action.reviewLink(location: location) else { return .skipped(reason: "no_review_link") }
                let offer = try await ProgrammeReviewOffers.create(
                    programme: programme.code, action: record.id, customer: customer, location: location, url: url, now: now, tx)
                body = body.replacingOccurrences(of: ProgrammeMessageTemplate.reviewLink, with: ProgrammeMessageTemplate.baseURL + "/r/" + offer)
            }
            try await tx.execute(
                """
                INSERT INTO programme_messages (id, action_id, programme_code, customer_id, channel, recipient, lang, subject, body, status, attempts,
                    next_attempt_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending', 0, ?, ?)
                """,
                [.text(SQLProgrammeRepository.newID("pgm_")), .text(record.id), .text(programme.code), .text(customer), .text(channel), .text(recipient),
                 .text(language), .text(text.subject), .text(body), .int(SQLProgrammeRepository.ms(now)), .int(SQLProgrammeRepository.ms(now))])
            return .taken(purpose: programme.limits.purpose)
        case .survey:
            return try await invite(record, programme, channel: channel, preferences: preferences, now: now, tx)
        case .webhook:
            let event = ProgrammeActionWebhookData(
                programme: programme.code, action: programme.action.kind.rawValue, customer: customer, trigger: record.triggerKey, channel: channel,
                arm: record.arm.rawValue, at: now)
            try await Outbox.enqueue(
                type: ProgrammeActionWebhookData.type, events: [event],
                ids: [Outbox.messageID(type: ProgrammeActionWebhookData.type, about: "\(programme.code):\(record.triggerKey)")], at: now, tx)
            return .taken(purpose: programme.limits.purpose)
        }
    }

    /// A survey invitation through the survey outbox, unless the survey's fatigue rule forbids it: no survey contact
    /// (an invitation or a survey-purpose contact in the shared ledger) in its last `fatigue_days`. The invitation's
    /// contact is the programme's (keyed by the trigger event), with the purpose `survey`.
    static func invite(
        _ record: ProgrammeActionRecord, _ programme: Programme, channel: String, preferences: ContactPreferences?, now: Date, _ tx: any SQLExecutor
    ) async throws -> Outcome {
        guard let code = programme.action.survey,
            let survey = try await tx.query("SELECT definition FROM surveys WHERE code = ?", [.text(code)]).first.map(SQLSurveyRepository.survey(row:))
        else { return .skipped(reason: "no_survey") }
        let customer = record.customer
        if survey.sampling.fatigueDays > 0 {
            let since = SQLProgrammeRepository.ms(now.addingTimeInterval(-Double(survey.sampling.fatigueDays) * 86_400))
            let recent = try await tx.query(
                """
                SELECT id FROM contact_ledger WHERE customer_id = ? AND purpose = 'survey' AND contacted_at > ?
                UNION ALL SELECT id FROM survey_invitations WHERE customer_id = ? AND invited_at > ?
                """, [.text(customer), .int(since), .text(customer), .int(since)])
            if !recent.isEmpty { return .skipped(reason: "survey_fatigue") }
        }
        guard let recipient = try await address(of: customer, channel: channel, tx) else { return .skipped(reason: "no_address") }
        let language = try await Self.language(preferences, tx)
        let interaction = "programme:\(programme.code):\(record.triggerKey)"
        let item = SurveyInteraction(id: interaction, at: now, channel: channel, contact: recipient, lang: language)
        let (invitation, _) = try await SQLSurveyRepository.insertInvitation(survey: survey, item: item, stratum: "*", now: now, deliver: true, tx)
        try await SQLSurveyRepository.insertDecision(
            code, SamplingResult(interaction: interaction, outcome: "invited", stratum: "*", explanation: "invited by programme \(programme.code)",
                invitation: invitation.id),
            at: now, now: now, tx)
        // One contact for the invitation: the programme's, keyed by the trigger event (the caller writes it).
        try await tx.execute("DELETE FROM contact_ledger WHERE trigger_key = ?", [.text("survey_invitation:\(invitation.id)")])
        try await tx.execute("UPDATE survey_invitations SET customer_id = ? WHERE id = ? AND customer_id IS NULL", [.text(customer), .text(invitation.id)])
        return .taken(purpose: .survey)
    }
}
