/// One thing a principal (a dashboard user, an API key, a device) may do. Routes declare the permission they need
/// (``RoutePermissions`` in the server); roles and API key scopes hold sets of them (``RolePermissions``).
public enum Permission: String, Sendable, CaseIterable, Codable {
    /// Read feedback, metrics, dashboards and reference data (within the principal's ``AccessScope``).
    case readFeedback = "read_feedback"
    /// Write feedback, interactions, transactions, transcripts and process events (imports, integrations).
    case writeFeedback = "write_feedback"
    /// Read cases and problems.
    case readCases = "read_cases"
    /// Work cases and problems: assign, comment, resolve, escalate, act on a customer.
    case workCases = "work_cases"
    /// Change the organisation's configuration: reference data, surveys, playbooks, themes, rules, targets,
    /// programmes, initiatives, the bonus formula, webhooks, devices.
    case changeConfiguration = "change_configuration"
    /// See customers' contacts unmasked and their personal-data exports.
    case readPersonalData = "read_personal_data"
    /// Manage users and API keys.
    case manageAccess = "manage_access"
    /// Read the audit log (`GET /api/v1/audit`).
    case readAudit = "read_audit"
    /// Submit presses and feedback from a kiosk or a staff display (device credentials only).
    case submitFromDevice = "submit_from_device"
}
