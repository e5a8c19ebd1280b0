export function StaffArea() { return null; }
