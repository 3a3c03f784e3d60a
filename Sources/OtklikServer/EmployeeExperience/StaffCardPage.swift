/// `/staff/{code}` (`staff-card.mustache`): one staff member's card — who they are and since when, the quality customers
/// perceive (NPS and CSAT with n and interval), standard compliance from mystery shopping, and the recognition received.
struct StaffCardPage: Sendable {
    struct Figure: Sendable {
        let name: String
        let value: String
        let n: Int
        let interval: String
        let link: String
    }

    struct Item: Sendable {
        let kind: String
        let from: String
        let text: String?
        let date: String
    }

    let code: String
    let name: String
    let location: String
    let team: String?
    let role: String?
    let tenure: String
    let from: String
    let to: String
    let figures: [Figure]
    let sample: String
    let compliance: String
    let thanks: Int
    let praise: Int
    let recognitions: [Item]
    let hasRecognitions: Bool
}
