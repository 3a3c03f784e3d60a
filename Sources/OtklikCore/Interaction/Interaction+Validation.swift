import Foundation

extension Interaction {
    /// Checks every field; the error names the first field that is wrong.
    public func validate(now: Date = Date()) throws(OtklikError) {
        try Identifier.validate(id, field: "id")
        if arrivedAt.timeIntervalSince(now) > 300 { throw .invalid("arrived_at", "arrival is in the future") }
        // As for feedback, a year such as 0001 is a broken clock or a typo, not history; contact-centre logs reach
        // further back than feedback (the public 1999 bank call log), so the bound is 1990.
        if arrivedAt.timeIntervalSince1970 < 631_152_000 { throw .invalid("arrived_at", "arrival is before 1990-01-01") }
        for (field, value) in [("queue", queue), ("location", location), ("agent", staff), ("service", service), ("topic", topic), ("request", request)] {
            if let value { try Identifier.validate(value, field: field) }
        }
        if let customer, customer.isEmpty || customer.count > 128 {
            throw .invalid("customer", "customer reference must be 1-128 characters")
        }
        // An e-mail may wait days for its answer; a conversation's parts last less than a day.
        if let waitSeconds, !(waitSeconds >= 0 && waitSeconds < 90 * 86_400) {
            throw .invalid("wait_s", "wait_s must be 0 or more seconds, below 90 days")
        }
        for (field, value) in [("talk_s", talkSeconds), ("hold_s", holdSeconds), ("wrap_s", wrapSeconds)] {
            if let value, !(value >= 0 && value < 86_400) { throw .invalid(field, "\(field) must be 0 or more seconds, below a day") }
        }
        switch outcome {
        case .answered:
            if waitSeconds == nil { throw .invalid("wait_s", "an answered contact needs its queue wait (0 when none)") }
        case .abandoned:
            if waitSeconds == nil { throw .invalid("wait_s", "an abandoned contact needs its time in the queue") }
            if (talkSeconds ?? 0) > 0 { throw .invalid("talk_s", "an abandoned contact has no talk time") }
        case .selfService:
            break
        }
    }
}
