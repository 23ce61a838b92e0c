/** A link to a web page, only for an http(s) address (webHref); anything else is plain text. */
import type { ComponentChildren, JSX } from 'preact';
import { webHref } from '@/utils/ui/links';

export interface WebLinkProps {
  url: string | null | undefined;
  children: ComponentChildren;
  class?: string;
  onClick?: JSX.MouseEventHandler<HTMLAnchorElement>;
  /** Shown instead of the children when there is no link (default: the children, as text). */
  fallback?: ComponentChildren;
}

export function WebLink({ url, children, class: className, onClick, fallback }: WebLinkProps) {
  const href = webHref(url);
  if (!href) return fallback === undefined ? <span class={className}>{children}</span> : <>{fallback}</>;
  return (
    <a class={className} href={href} target="_blank" rel="noopener noreferrer" onClick={onClick}>
      {children}
    </a>
  );
}
