/// A staff member's bonus figure as shown: the value, and n with its interval (or why there is none).
struct BonusFigure: Sendable {
    let value: String
    let detail: String
}
