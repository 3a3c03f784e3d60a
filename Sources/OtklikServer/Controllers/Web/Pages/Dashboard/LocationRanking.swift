/// The dashboard's ranked list of locations by one KPI (``LocationRanker``): the best and the worst with value,
/// interval and n; locations below the minimum n are not ranked, and the note says how many.
struct LocationRanking: Sendable {
    let id: String
    let title: String
    let best: [Row]
    let worst: [Row]
    let note: String?

    struct Row: Sendable {
        let rank: Int
        let name: String
        let link: String
        let value: String
        let ci: String
        let n: Int
    }
}
