import Foundation

/// Who is told about an event, and who also gets an e-mail: the decisions of notification, apart from the store that
/// writes their rows (in the transaction of the change they report, so a notification exists exactly when its event
/// does). Pure: the store reads the inputs (the actor's staff member, the addressees' e-mail addresses) and writes what
/// these functions decide.
public enum NotificationPolicy {
    /// One notification to write: who (nil: nobody in particular — shown to the administrators), about what, when.
    public struct Notice: Sendable, Equatable {
        public var recipient: String?
        public var caseId: String?
        public var problemId: String?
        public var detail: String?
        public var at: Date

        public init(recipient: String?, caseId: String? = nil, problemId: String? = nil, detail: String? = nil, at: Date) {
            self.recipient = recipient
            self.caseId = caseId
            self.problemId = problemId
            self.detail = detail
            self.at = at
        }
    }

    /// Whether `recipient` is told about an event caused by the user whose staff member is `actorStaff`: nobody is told
    /// about what they did themselves (assigning a case to oneself, resolving one's own case).
    public static func tells(_ recipient: String?, actorStaff: String?) -> Bool {
        guard let recipient, let actorStaff else { return true }
        return recipient != actorStaff
    }

    /// Whether a system escalation tells the case's owner "escalated to you": only when the owner changed (a step that
    /// left the case with `previousOwner` tells nobody).
    public static func tellsEscalation(owner: String?, previousOwner: String?) -> Bool {
        owner != previousOwner
    }

    /// The staff members whose e-mail addresses the notices need: for a mailed kind (``NotificationKind/isMailed``), every
    /// addressee once, in order; none otherwise.
    public static func addressees(_ kind: NotificationKind, _ notices: [Notice]) -> [String] {
        kind.isMailed ? Set(notices.compactMap(\.recipient)).sorted() : []
    }

    /// The e-mails to queue for `notices` of `kind`: the index of each notice whose addressee has an address on record
    /// (in `addresses`, by staff code; an empty address is none) with that address, when the kind is mailed.
    public static func mails(_ kind: NotificationKind, _ notices: [Notice], addresses: [String: String]) -> [(notice: Int, address: String)] {
        guard kind.isMailed else { return [] }
        return notices.enumerated().compactMap { index, notice in
            guard let address = notice.recipient.flatMap({ addresses[$0] }), !address.isEmpty else { return nil }
            return (index, address)
        }
    }
}
