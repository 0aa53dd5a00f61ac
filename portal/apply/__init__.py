"""The resident's combined application. The web layer sits here (blueprint, access, cli and the
route modules views*.py); the parts it uses are in folders named for what they hold:

- answers/: the answers document (shape), the words for its codes, keeping it consistent
  (derive), the household it describes (household_map) and its screening;
- journey/: the steps, when each is needed (conditions) and the way through them (navigation);
- pages/: the form of each page and the fields they are built from;
- documents/: which are asked for, which are still owed, the uploads and their cleaning, reminders;
- places/: Shenzhen's districts and offices, provinces elsewhere, where each request goes;
- filing/: the draft, the declarations, check your answers, submit and the confirmation.
"""
