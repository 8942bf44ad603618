/** `/keys vendors`: what the person may request, under which policy, and what each vendor asks for. */
import { formatDuration } from '../../workflows/duration';
import type { Access } from '../requests/access';
import type { CatalogVendor, RequestCatalog } from '../requests/catalog';
import { principalMention } from '../../workflows/mentions';

export function vendorsText(catalog: RequestCatalog, access: Access): string {
  const lines = ['*Vendors you can request*'];
  for (const vendor of catalog.vendors.values()) {
    const roles = vendor.roles.filter((role) => access(vendor.key, role));
    if (roles.length === 0) continue;
    lines.push(`*${vendor.displayName}* — \`/keys request ${vendor.key}\`${humanNote(vendor)}`);
    for (const role of roles) lines.push(`  • ${roleLine(catalog, vendor, role)}`);
    for (const [name, field] of Object.entries(vendor.definition.fields)) {
      lines.push(`  • also takes \`${name}=\`: ${field.description}`);
    }
  }
  if (lines.length === 1) return 'No vendor is open to you. Ask an admin which policy you need.';
  return lines.join('\n');
}

function roleLine(catalog: RequestCatalog, vendor: CatalogVendor, role: string): string {
  const { approvals, credentials, source } = catalog.policyFor(vendor.key, role);
  const approvers = [...approvals.approvers.users, ...approvals.approvers.groups].map(principalMention).join(', ');
  const needed = `${approvals.approvalsRequired} approval${approvals.approvalsRequired === 1 ? '' : 's'} from ${approvers}`;
  const auto = [...approvals.autoApprove.users, ...approvals.autoApprove.groups];
  const autoNote = auto.length > 0 ? `; none needed for ${auto.map(principalMention).join(', ')}` : '';
  const rotation = credentials.rotationPeriodMs
    ? ` · rotated every ${formatDuration(credentials.rotationPeriodMs)}`
    : '';
  return (
    `\`role=${role}\`: ${needed}${autoNote} · access ${formatDuration(credentials.defaultTtlMs)} by default, ` +
    `up to ${formatDuration(credentials.maxTtlMs)}${rotation}${source === 'defaults' ? '' : ` · policy ${source}`}`
  );
}

function humanNote(vendor: CatalogVendor): string {
  const steps = vendor.definition.playbooks({}).provision;
  return steps.some((s) => s.kind === 'task' && s.assignee === 'operator')
    ? ' (an operator does some steps by hand; allow a little time)'
    : '';
}
