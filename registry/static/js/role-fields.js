// A user's district matters only for district staff (templates/users/_role_fields.html): the district
// list is required for them and set aside (disabled, so not sent) for every other role.
document.querySelectorAll("select[data-staff-role]").forEach((role) => {
  const district = role.form.querySelector("select[name=district_code]");
  const update = () => {
    const staff = role.value === role.dataset.staffRole;
    district.disabled = !staff;
    district.required = staff;
  };
  role.addEventListener("change", update);
  update();
});
