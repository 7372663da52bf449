// A user's district matters only for district staff (templates/users/_role_fields.html): the district
// list is required for them and set aside (disabled, so not sent) for every other role. Choosing the
// administrator's role makes the form ask before it is sent.
document.querySelectorAll("select[data-staff-role]").forEach((role) => {
  const district = role.form.querySelector("select[name=district_code]");
  const update = () => {
    const staff = role.value === role.dataset.staffRole;
    district.disabled = !staff;
    district.required = staff;
    // the administrator's role is asked about before the form goes (confirm.js reads data-confirm)
    if (role.dataset.adminRole) {
      if (role.value === role.dataset.adminRole) role.form.dataset.confirm = role.dataset.adminQuestion;
      else delete role.form.dataset.confirm;
    }
  };
  role.addEventListener("change", update);
  update();
});
