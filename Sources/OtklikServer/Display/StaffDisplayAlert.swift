import Foundation
import OtklikCore

/// One open red-press alert as a staff screen shows it (page and JSON alike): when, whom the console or form named,
/// what was pressed, and the service standard's tasks and phrases for the event. No customer contact: an alert is only
/// opened when none was left, and nothing of the feedback beyond its rating is carried.
struct StaffDisplayAlert: Encodable, Sendable {
    struct Guide: Encodable, Sendable {
        var title: String
        var tasks: [String]
        var phrases: [String]
    }

    var id: String
    var openedAt: Date
    /// The opening time on the organisation's clock, `HH:mm`.
    var time: String
    var staff: String?
    var staffName: String?
    /// What was pressed, in the reader's language ("Red button", "NPS 3").
    var rating: String
    var event: String
    var playbook: Guide?

    enum CodingKeys: String, CodingKey {
        case id, openedAt = "opened_at", time, staff, staffName = "staff_name", rating, event, playbook
    }
}

/// The staff screen's answer: its location and the alerts waiting for someone to go to the customer, newest first.
struct StaffDisplayAlerts: Encodable, Sendable {
    var location: String
    var screen: String
    var items: [StaffDisplayAlert]
}
