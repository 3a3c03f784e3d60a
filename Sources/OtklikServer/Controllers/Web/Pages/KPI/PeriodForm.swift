/// The period and filters form of a process page: the dates as entered, drop-downs, text fields, and what is wrong.
struct PeriodForm: Sendable {
    let action: String
    let from: String
    let to: String
    var selects: [Select] = []
    var fields: [Field] = []
    var presets: [DashboardPage.Preset] = []
    /// "The period ends at the last data, 22 Nov 2026": the default period was moved back to the data's last day.
    var dataEnd: String?
    /// The filters another form on the page carries along (the staffing form keeps the period's channel and queue).
    var kept: [Kept] = []
    var error: String?
    var errorField: String?
    /// The error is not the filters' but the user's scope (figures that are the organisation's only): titled so, not a
    /// link to a field.
    var scopeRefusal = false

    struct Kept: Sendable {
        let name: String
        let value: String
    }

    struct Select: Sendable {
        let name: String
        let label: String
        let options: [SelectOption]
        /// The first option's label when it is not "All": "All of mine" for a user limited to some locations.
        var allLabel: String?
    }

    /// A text or number input: its name, label, value and a hint under it.
    struct Field: Sendable {
        let name: String
        let label: String
        let value: String
        let type: String
        var hint: String?
    }
}
