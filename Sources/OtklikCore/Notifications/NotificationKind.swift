/// What a notification tells its reader: a step in a case's life or a new problem. The raw value is the
/// event's name, as in webhooks where one exists.
public enum NotificationKind: String, Sendable, Codable, CaseIterable {
    case caseOpened = "case.opened"
    case caseAssigned = "case.assigned"
    case caseEscalated = "case.escalated"
    case caseSLAWarning = "case.sla_warning"
    case caseBreached = "case.breached"
    case caseResolved = "case.resolved"
    case problemOpened = "problem.opened"
    case alertOpened = "alert.opened"

    /// Whether its addressees with an address on record also get an e-mail. A red-press alert does not: it is for the
    /// next minutes, on the staff screen and the staff page (polled every few seconds), and an e-mail read later would
    /// arrive after the customer has left — while one per duty staff per press filled mailboxes and the outbox.
    public var isMailed: Bool { self != .alertOpened }

    /// A short title in Russian or English (e-mail subjects; the pages use the same words from their strings).
    public func title(_ language: String) -> String {
        let (ru, en): (String, String) = switch self {
        case .caseOpened: ("Новое обращение", "New case")
        case .caseAssigned: ("Обращение назначено вам", "Case assigned to you")
        case .caseEscalated: ("Обращение эскалировано вам", "Case escalated to you")
        case .caseSLAWarning: ("Срок обращения скоро истечёт", "Case deadline near")
        case .caseBreached: ("Срок обращения пропущен", "Case deadline missed")
        case .caseResolved: ("Обращение решено", "Case resolved")
        case .problemOpened: ("Новая проблема", "New problem")
        case .alertOpened: ("Клиент нажал красную кнопку", "A customer pressed the red button")
        }
        return language == "en" ? en : ru
    }
}
