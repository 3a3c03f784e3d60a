/// The kiosk and QR feedback form (`/kiosk/{location}`, `/q/{location}`, `form.mustache`): faces, reasons and a
/// comment, for one location and, from the QR code, one staff member or service.
struct FeedbackFormPage: Sendable {
    let location: String
    let locationName: String
    let staff: String
    let service: String
    let channel: String
    /// The kiosk resets itself after `idle` seconds.
    let kiosk: Bool
    let idle: Int
    let reasons: [Reason]
    let hasReasons: Bool
    let faces: [Face]
    var staffName: String?
    var serviceName: String?

    struct Reason: Sendable {
        let code: String
        let label: String
    }

    /// A rating from 1 to 5 and its spoken label.
    struct Face: Sendable {
        let value: Int
        let label: String
    }
}
