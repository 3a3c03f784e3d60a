/// `/recognition` (`recognition.mustache`): thank a colleague, and the recognitions received — one's own and one's
/// team's — thanks from colleagues and customer praise passed on.
struct RecognitionPage: Sendable {
    struct Item: Sendable {
        let to: String
        /// The staff card of the one recognised.
        let toLink: String
        let from: String
        let kind: String
        let isPraise: Bool
        let text: String?
        let date: String
    }

    let canThank: Bool
    let colleagues: [SelectOption]
    let id: String
    let draft: String
    let mine: [Item]
    let hasMine: Bool
    let team: [Item]
    let hasTeam: Bool
    let teamHeading: String
    let linked: Bool
    let thanked: Bool
    let error: String?
}
