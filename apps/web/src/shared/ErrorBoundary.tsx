import { Component, type ErrorInfo, type ReactNode } from 'react';
import { Icon } from './Icon.tsx';

interface Props {
  /** Names the area in the fallback, e.g. "The canvas". */
  area: string;
  children: ReactNode;
  /** Changing it clears a caught error (e.g. the open file). */
  resetKey?: unknown;
}

interface State {
  error: Error | null;
  resetKey: unknown;
}

/** Keeps one broken area from blanking the whole screen. */
export class ErrorBoundary extends Component<Props, State> {
  override state: State = { error: null, resetKey: this.props.resetKey };

  static getDerivedStateFromError(error: unknown): Partial<State> {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  static getDerivedStateFromProps(props: Props, state: State): Partial<State> | null {
    return props.resetKey !== state.resetKey ? { error: null, resetKey: props.resetKey } : null;
  }

  override componentDidCatch(error: Error, info: ErrorInfo) {
    console.error(`${this.props.area} crashed`, error, info.componentStack);
  }

  override render() {
    if (!this.state.error) return this.props.children;
    return (
      <div className="area-error" role="alert">
        <Icon name="alert" size={20} />
        <div>
          <strong>{this.props.area} hit an unexpected error.</strong>
          <p className="muted">{this.state.error.message}</p>
          <button type="button" className="btn btn-sm" onClick={() => this.setState({ error: null })}>
            Try again
          </button>
        </div>
      </div>
    );
  }
}
