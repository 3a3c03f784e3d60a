/// One `<option>` of a page's drop-down: its value, its label and whether it is chosen.
struct SelectOption: Sendable {
    let code: String
    let label: String
    var selected = false
}
