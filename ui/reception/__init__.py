"""The reception screen: procedure, checklist, applicant, fees, appointment and the decision."""
