import Foundation
import OtklikCore

/// Which of the demo's low scores leave a way to call the customer back, so that the product's own rule
/// (``FeedbackCase/opens(for:)``: a low score or negative press with a contact opens a case) gives the demo a case flow
/// through the whole year at every location, not only the complaints. A known customer (a customer id on the record:
/// signed in, or the queue ticket was issued to their card) is reached on their own phone
/// (``DemoCustomers/phone(of:spelling:)``), whatever the channel; an unknown one leaves a phone on the kiosk or QR form
/// after a low score in nine cases of ten (the form asks for one to call back), and the contact centre has the caller's
/// number or the chat's login in nine of ten; an anonymous press of the red button leaves nothing. Drawn from the record's index, not the generator's
/// stream, so the demo's feedback is otherwise as it was (the same scores, reasons, comments and customers).
enum DemoCallBack {
    static let kioskShare = 0.9
    static let remoteShare = 0.9

    /// The share of the low scores that may leave a contact at all, for a demo of `records` feedback: all up to the
    /// browser's 20,000-record demo, then falling with the square root of the size (0.30 for the default 220,000), so a
    /// bigger demo has more cases at every location and staff member but its seeding stays quick (each case is opened
    /// and worked through the case repository, a few milliseconds apiece).
    static func scale(forRecords records: Int) -> Double { min(1, (20_000 / Double(max(records, 1))).squareRoot()) }

    /// Gives `feedback` (record number `index`) its contact when its customer would leave one; `scale` from
    /// ``scale(forRecords:)``.
    static func leaveContact(_ feedback: inout Feedback, index: Int, scale: Double = 1) {
        guard feedback.contact == nil else { return }
        let low = (feedback.csat.map { $0 <= 3 } ?? false) || (feedback.nps.map { $0 <= 6 } ?? false) || feedback.button == .negative
        guard low else { return }
        var draw = SeededRandom(seed: UInt64(index) &* 0xD1B5_4A32_D192_ED03 ^ 0xCA11_BAC4)
        guard draw.chance(scale) else { return }
        if let customer = feedback.customer {
            feedback.contact = DemoCustomers.phone(of: customer, spelling: index)
            return
        }
        let share: Double
        switch feedback.channel {
        case .button: share = 0
        case .callCenter, .chat: share = remoteShare
        default: share = kioskShare
        }
        guard draw.chance(share) else { return }
        feedback.contact = String(
            format: "+7 9%02d %03d-%02d-%02d", Int(draw.next() % 100), Int(draw.next() % 1000), Int(draw.next() % 100), Int(draw.next() % 100))
    }
}
