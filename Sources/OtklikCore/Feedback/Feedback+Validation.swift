import Foundation

extension Feedback {
    /// Longest accepted comment, in characters.
    public static let maxCommentLength = 10_000
    /// Most reasons one feedback may carry.
    public static let maxReasons = 20

    /// Checks every field; the error names the first field that is wrong.
    /// - Parameter now: the server's clock; feedback more than 5 minutes in the future is refused.
    public func validate(now: Date = Date()) throws(OtklikError) {
        try Identifier.validate(id, field: "id")
        if ts.timeIntervalSince(now) > 300 {
            throw .invalid("ts", "timestamp is in the future")
        }
        if ts.timeIntervalSince1970 < 946_684_800 {
            throw .invalid("ts", "timestamp is before 2000-01-01")
        }
        for (field, value) in [("location", location), ("staff", staff), ("service", service), ("device", device)] {
            if let value { try Identifier.validate(value, field: field) }
        }
        if let customer, customer.isEmpty || customer.count > 128 {
            throw .invalid("customer", "customer reference must be 1-128 characters")
        }
        if let interaction { try Identifier.validate(interaction, field: "interaction") }
        if let nps, !(0...10).contains(nps) { throw .invalid("nps", "nps must be an integer 0-10") }
        if let csat, !(1...5).contains(csat) { throw .invalid("csat", "csat must be an integer 1-5") }
        if let ces, !(1...7).contains(ces) { throw .invalid("ces", "ces must be an integer 1-7") }
        if reasons.count > Self.maxReasons {
            throw .invalid("reasons", "at most \(Self.maxReasons) reasons")
        }
        for reason in reasons where reason.isEmpty || reason.count > 64 || reason.contains(";") {
            throw .invalid("reasons", "each reason must be 1-64 characters without ';'")
        }
        if let comment, comment.count > Self.maxCommentLength {
            throw .invalid("comment", "comment is longer than \(Self.maxCommentLength) characters")
        }
        // Storage would cut a text at a NUL; the stored record would then never equal its retry.
        for (field, value) in [("comment", comment), ("contact", contact), ("customer", customer)] where value?.contains("\u{0}") == true {
            throw .invalid(field, "\(field) must not contain a NUL character")
        }
        if let contact, contact.isEmpty || contact.count > 256 {
            throw .invalid("contact", "contact must be 1-256 characters")
        }
        if let lang, !["ru", "en"].contains(lang) { throw .invalid("lang", "lang must be ru or en") }
        try validateKind()
    }

    private func validateKind() throws(OtklikError) {
        let hasScore = nps != nil || csat != nil || ces != nil
        let hasText = !(comment ?? "").isEmpty
        switch kind {
        case .impulse:
            if button == nil { throw .invalid("button", "impulse feedback needs a button press") }
            if contact != nil { throw .invalid("contact", "impulse feedback carries no contact") }
        case .complaint:
            if contact == nil { throw .invalid("contact", "a complaint needs a contact to call back") }
            if !hasScore && !hasText && reasons.isEmpty && button == nil {
                throw .invalid("comment", "a complaint needs a rating, a reason or a comment")
            }
        case .informative, .surveyResponse, .review, .organic:
            if !hasScore && !hasText && reasons.isEmpty && button == nil {
                throw .invalid("nps", "feedback needs at least one score, button, reason or comment")
            }
        }
    }
}
