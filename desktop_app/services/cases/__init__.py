"""The case workflow (案件办理): registering, the procedure's actions, queries.

The rules live in desktop_app.domain.procedure (the state machine), .deadlines and .discretion; these
modules gather the facts from the store, ask the domain, and write the change with its event, its
audit record and the recomputed deadlines in one transaction."""
